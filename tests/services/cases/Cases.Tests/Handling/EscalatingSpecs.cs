using Cases.Handling;
using Cases.Handling.Escalating;
using static Cases.Tests.Handling.Examples;
using EscalationBasis = Cases.Contracts.EscalationBasis;

namespace Cases.Tests.Handling;

public sealed class EscalatingSpecs
{
    private const string Law = "Children Act 1989, s.47";

    [Fact]
    public void With_the_affected_persons_consent() =>
        Spec.Given(Handled()).When(new EscalateToLawEnforcement(CaseId, true, null, By, Now), EscalateToLawEnforcement.Decide)
            .Then(new CaseEscalated(CaseId, School, EscalationBasis.Consent, null, By, Now));

    [Fact]
    public void Without_consent_on_a_recorded_legal_basis() =>
        Spec.Given(Handled()).When(new EscalateToLawEnforcement(CaseId, false, Law, By, Now), EscalateToLawEnforcement.Decide)
            .Then(new CaseEscalated(CaseId, School, EscalationBasis.LegalOverride, Law, By, Now));

    [Fact]
    public void Without_consent_and_without_a_legal_basis_is_refused()
    {
        var violation = Spec.Given(Handled()).When(new EscalateToLawEnforcement(CaseId, false, "  ", By, Now), EscalateToLawEnforcement.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

        violation.Message.ShouldContain("legal basis");
    }

    [Fact]
    public void Cannot_escalate_twice() =>
        Spec.Given([.. Handled(), new CaseEscalated(CaseId, School, EscalationBasis.Consent, null, By, Now)])
            .When(new EscalateToLawEnforcement(CaseId, true, null, By, Now), EscalateToLawEnforcement.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_escalate_a_closed_case() =>
        Spec.Given([.. Handled(), Closed()]).When(new EscalateToLawEnforcement(CaseId, true, null, By, Now), EscalateToLawEnforcement.Decide)
            .ThenFails(RuleViolationKind.Conflict);
}
