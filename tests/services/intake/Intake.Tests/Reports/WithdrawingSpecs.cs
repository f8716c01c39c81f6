using Intake.Reports;
using Intake.Reports.Withdrawing;
using static Intake.Tests.Reports.Examples;

namespace Intake.Tests.Reports;

public sealed class WithdrawingSpecs
{
    private static WithdrawReport Command(ReportActor by, string? explanation = "I am afraid of what he will do.") =>
        new(ReportId, WithdrawalReason.FearOfRetaliation, explanation, by, Now.AddDays(1));

    [Fact]
    public void The_submitting_organization_can_withdraw_its_report() =>
        Spec.Given(Submitted()).When(Command(SchoolSystem), WithdrawReport.Decide).Then(
            new ReportWithdrawn(ReportId, School, WithdrawalReason.FearOfRetaliation, "I am afraid of what he will do.", ReporterId,
                "riverside-school", Now.AddDays(1)));

    [Fact]
    public void The_anonymous_reporter_can_withdraw_their_report() =>
        Spec.Given(SubmittedAnonymously(), AccessGranted()).When(Command(AnonymousReporter.Instance, explanation: null), WithdrawReport.Decide).Then(
            new ReportWithdrawn(ReportId, School, WithdrawalReason.FearOfRetaliation, null, ReporterId, "anonymous-reporter", Now.AddDays(1)));

    [Fact]
    public void A_blank_explanation_is_recorded_as_none()
    {
        var withdrawn = (ReportWithdrawn)WithdrawReport.Decide(Command(SchoolSystem, "   "), Report.Fold([Submitted()]))[0];

        withdrawn.Explanation.ShouldBeNull();
    }

    [Fact]
    public void Cannot_withdraw_twice() =>
        Spec.Given(Submitted(), WithdrawReport.Decide(Command(SchoolSystem), Report.Fold([Submitted()]))[0])
            .When(Command(SchoolSystem), WithdrawReport.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void The_receiving_organization_cannot_withdraw_a_report_another_submitted() =>
        Spec.Given(Submitted(submittingOrganizationId: Employer)).When(Command(SchoolSystem), WithdrawReport.Decide)
            .ThenFails(RuleViolationKind.Forbidden);

    [Fact]
    public void An_anonymous_reporter_cannot_withdraw_a_partners_report() =>
        Spec.Given(Submitted()).When(Command(AnonymousReporter.Instance), WithdrawReport.Decide).ThenFails(RuleViolationKind.Forbidden);

    [Fact]
    public void Cannot_withdraw_a_report_that_does_not_exist() =>
        Spec.Given().When(Command(SchoolSystem), WithdrawReport.Decide).ThenFails(RuleViolationKind.NotFound);

    [Fact]
    public void The_explanation_is_limited_to_2000_characters() =>
        Spec.Given(Submitted()).When(Command(SchoolSystem, new string('x', 2_001)), WithdrawReport.Decide).ThenFails(RuleViolationKind.Unprocessable);
}
