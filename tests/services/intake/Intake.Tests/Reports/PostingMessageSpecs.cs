using Intake.Reports;
using Intake.Reports.PostingMessages;
using static Intake.Tests.Reports.Examples;
using MessageAuthor = Intake.Contracts.MessageAuthor;

namespace Intake.Tests.Reports;

public sealed class PostingMessageSpecs
{
    private static readonly Guid MessageId = Guid.Parse("0195a1b2-0000-7000-8000-0000000000b1");

    private static PostMessage Command(MessageAuthor author, ReportActor by, string text = "  Is anyone reading this?  ") =>
        new(ReportId, MessageId, author, text, by, Now.AddHours(2));

    [Fact]
    public void The_anonymous_reporter_can_post_a_message() =>
        Spec.Given(SubmittedAnonymously(), AccessGranted()).When(Command(MessageAuthor.Reporter, AnonymousReporter.Instance), PostMessage.Decide).Then(
            new MessagePosted(ReportId, School, MessageId, MessageAuthor.Reporter, "Is anyone reading this?", ReporterId, "anonymous-reporter", Now.AddHours(2)));

    [Fact]
    public void A_handler_of_the_receiving_organization_can_post_a_message() =>
        Spec.Given(SubmittedAnonymously(), AccessGranted()).When(Command(MessageAuthor.Handler, SchoolSystem, "Yes. We will call you back."), PostMessage.Decide).Then(
            new MessagePosted(ReportId, School, MessageId, MessageAuthor.Handler, "Yes. We will call you back.", ReporterId, "riverside-school", Now.AddHours(2)));

    [Fact]
    public void The_submitting_organization_writes_as_reporter_for_its_reporter()
    {
        var posted = (MessagePosted)PostMessage.Decide(Command(MessageAuthor.Reporter, EmployerSystem), Report.Fold([Submitted(submittingOrganizationId: Employer)]))[0];

        posted.Author.ShouldBe(MessageAuthor.Reporter);
    }

    [Fact]
    public void Another_organization_cannot_write_as_handler() =>
        Spec.Given(Submitted()).When(Command(MessageAuthor.Handler, EmployerSystem), PostMessage.Decide).ThenFails(RuleViolationKind.Forbidden);

    [Fact]
    public void Without_the_key_nobody_writes_as_the_anonymous_reporter_of_a_partners_report() =>
        Spec.Given(Submitted()).When(Command(MessageAuthor.Reporter, AnonymousReporter.Instance), PostMessage.Decide).ThenFails(RuleViolationKind.Forbidden);

    [Fact]
    public void Cannot_post_on_a_withdrawn_report() =>
        Spec.Given(Submitted(), new ReportWithdrawn(ReportId, School, WithdrawalReason.Resolved, null, ReporterId, "riverside-school", Now))
            .When(Command(MessageAuthor.Handler, SchoolSystem), PostMessage.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_post_on_a_report_that_does_not_exist() =>
        Spec.Given().When(Command(MessageAuthor.Handler, SchoolSystem), PostMessage.Decide).ThenFails(RuleViolationKind.NotFound);

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void An_empty_message_is_refused(string text) =>
        Spec.Given(Submitted()).When(Command(MessageAuthor.Handler, SchoolSystem, text), PostMessage.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_message_is_limited_to_5000_characters()
    {
        Spec.Given(Submitted()).When(Command(MessageAuthor.Handler, SchoolSystem, new string('x', 5_000)), PostMessage.Decide)
            .Then(new MessagePosted(ReportId, School, MessageId, MessageAuthor.Handler, new string('x', 5_000), ReporterId, "riverside-school", Now.AddHours(2)));
        Spec.Given(Submitted()).When(Command(MessageAuthor.Handler, SchoolSystem, new string('x', 5_001)), PostMessage.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);
    }

    [Fact]
    public void A_message_cannot_hold_control_characters() =>
        Spec.Given(Submitted()).When(Command(MessageAuthor.Handler, SchoolSystem, "hello\0world"), PostMessage.Decide).ThenFails(RuleViolationKind.Unprocessable);
}
