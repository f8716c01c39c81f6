using Intake.AnonymousAccess;
using Intake.Reports;
using Intake.Reports.Submitting;
using Intake.Triage;
using static Intake.Tests.Reports.Examples;
using ReportKind = Intake.Contracts.ReportKind;
using ReportMode = Intake.Contracts.ReportMode;
using ReportPriority = Intake.Contracts.ReportPriority;
using ReportSetting = Intake.Contracts.ReportSetting;
using TriageRule = Intake.Contracts.TriageRule;

namespace Intake.Tests.Reports;

public sealed class SubmittingSpecs
{
    private static readonly AnonymousCredential Credential =
        new(new string('d', 64), new PassphraseHash(PassphraseHasher.Algorithm, 1_000, "c2FsdA==", "aGFzaA=="));

    private static SubmitReport Command(ReportSubmission? submission = null, ReportActor? by = null, AnonymousCredential? access = null,
        AcknowledgementPolicy? policy = null) =>
        new(ReportId, submission ?? Submission(), access, TriageFacts.None, policy ?? AcknowledgementPolicy.Default, by ?? SchoolSystem, Now);

    [Fact]
    public void A_submitted_report_is_recorded_with_its_triage_due_within_seven_days()
    {
        var submission = Submission();

        Spec.Given().When(Command(submission), SubmitReport.Decide).Then(
            new ReportSubmitted(ReportId, School, School, ReportMode.Identified, ReportKind.Stalking, ReportSetting.School,
                new IncidentAccount(submission.People[0].PersonId, Narrative, "Library, second floor",
                    new IncidentPeriod(new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), Approximate: true)),
                submission.People, false, new Consent(true, false), "es", submission.Attachments, "riverside-school", Now,
                new TriageDecision(ReportPriority.Normal, [], Now.AddDays(7))));
    }

    [Fact]
    public void An_urgent_report_is_one_event_whose_triage_says_it_is_urgent()
    {
        var submission = Submission() with { ImmediateDanger = true };

        var events = SubmitReport.Decide(Command(submission), Report.Initial);

        // Nothing beside it: notifications tell partners of the urgency from the submission itself.
        var triage = events.ShouldHaveSingleItem().ShouldBeOfType<ReportSubmitted>().Triage!;
        (triage.Priority, triage.RulesFired.Single(), triage.AcknowledgeBy).ShouldBe((ReportPriority.Urgent, TriageRule.ImmediateDanger, Now.AddHours(24)));
    }

    [Fact]
    public void An_anonymous_report_grants_follow_up_by_key_and_passphrase()
    {
        var submission = Submission(AnonymousRequest(), SubmissionRoute.AnonymousPublic);

        var events = SubmitReport.Decide(Command(submission, AnonymousReporter.Instance, Credential), Report.Initial);

        var submitted = events[0].ShouldBeOfType<ReportSubmitted>();
        submitted.ReceivingOrganizationId.ShouldBe(Employer);
        submitted.SubmittingOrganizationId.ShouldBeNull();
        submitted.Mode.ShouldBe(ReportMode.Anonymous);
        submitted.SubmittedBy.ShouldBe("anonymous-reporter");
        events[^1].ShouldBe(new AnonymousAccessGranted(ReportId, Credential.KeyDigest, Credential.Passphrase, Now));
    }

    [Fact]
    public void The_account_of_what_happened_belongs_to_the_first_affected_person()
    {
        var submission = Submission(AnonymousRequest(), SubmissionRoute.AnonymousPublic);

        var submitted = (ReportSubmitted)SubmitReport.Decide(Command(submission, AnonymousReporter.Instance, Credential), Report.Initial)[0];

        submitted.Account.SubjectId.ShouldBe(submission.People[1].PersonId);
        submitted.Account.SubjectId.ShouldNotBe(submission.Reporter.PersonId);
    }

    [Fact]
    public void The_organizations_acknowledgement_policy_sets_the_deadline()
    {
        var policy = new AcknowledgementPolicy(TimeSpan.FromDays(3), TimeSpan.FromHours(4));

        var submitted = (ReportSubmitted)SubmitReport.Decide(Command(policy: policy), Report.Initial)[0];

        submitted.Triage!.AcknowledgeBy.ShouldBe(Now.AddDays(3));
    }

    [Fact]
    public void Cannot_submit_the_same_report_twice() =>
        Spec.Given(Submitted()).When(Command(), SubmitReport.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void An_anonymous_report_cannot_be_submitted_without_a_key() =>
        Spec.Given().When(Command(Submission(AnonymousRequest(), SubmissionRoute.AnonymousPublic), AnonymousReporter.Instance), SubmitReport.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void The_anonymous_route_takes_only_anonymous_reports() =>
        Spec.Given().When(Command(Submission() with { ReceivingOrganizationId = School }, AnonymousReporter.Instance, Credential), SubmitReport.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Partners_get_no_report_key() =>
        Spec.Given().When(Command(access: Credential), SubmitReport.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_partner_submits_only_for_its_own_organization() =>
        Spec.Given().When(Command(Submission() with { ReceivingOrganizationId = Employer }), SubmitReport.Decide)
            .ThenFails(RuleViolationKind.Forbidden);

    [Fact]
    public void A_partner_may_name_itself_as_the_receiving_organization()
    {
        var submitted = (ReportSubmitted)SubmitReport.Decide(Command(Submission() with { ReceivingOrganizationId = School }), Report.Initial)[0];

        submitted.ReceivingOrganizationId.ShouldBe(School);
    }
}
