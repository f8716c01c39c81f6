using Cases.Handling;
using Cases.Handling.AssessingRisk;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class AssessingRiskSpecs
{
    private static readonly Guid AssessmentId = Guid.Parse("0195a1b2-0000-7000-8000-00000000e001");

    private static AssessRisk Command(RiskLevel level = RiskLevel.High, IReadOnlyList<string>? factors = null, string? plan = "Walks home with a friend.") =>
        new(CaseId, AssessmentId, level, factors ?? ["Threats at night"], plan, By, Now);

    [Fact]
    public void The_factors_and_safety_plan_are_recorded_as_the_affected_persons() =>
        Spec.Given(Handled()).When(Command(factors: ["  Threats at night  "]), AssessRisk.Decide).Then(
            new RiskAssessed(CaseId, School, AssessmentId, RiskLevel.High, new RiskDetails(AffectedPerson, ["Threats at night"], "Walks home with a friend."), By, Now));

    [Fact]
    public void A_high_risk_needs_a_safety_plan() =>
        Spec.Given(Handled()).When(Command(plan: " "), AssessRisk.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_low_risk_may_have_no_plan() =>
        Spec.Given(Handled()).When(Command(RiskLevel.Low, factors: [], plan: null), AssessRisk.Decide).Then(
            new RiskAssessed(CaseId, School, AssessmentId, RiskLevel.Low, new RiskDetails(AffectedPerson, [], null), By, Now));

    [Fact]
    public void At_most_twenty_factors() =>
        Spec.Given(Handled()).When(Command(factors: [.. Enumerable.Repeat("factor", 21)]), AssessRisk.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_factor_cannot_be_blank() =>
        Spec.Given(Handled()).When(Command(factors: [""]), AssessRisk.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Text_with_control_characters_is_refused() =>
        Spec.Given(Handled()).When(Command(plan: "plan\0"), AssessRisk.Decide).ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Cannot_assess_an_erased_persons_risk() =>
        Spec.Given([.. Handled(), Erased(AffectedPerson)]).When(Command(), AssessRisk.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_assess_a_closed_case() =>
        Spec.Given([.. Handled(), Closed()]).When(Command(), AssessRisk.Decide).ThenFails(RuleViolationKind.Conflict);
}
