using Cases.Handling;
using Cases.Handling.Acknowledging;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class AcknowledgingSpecs
{
    [Fact]
    public void Acknowledging_before_the_deadline_is_on_time() =>
        Spec.Given(Opened(), Triaged()).When(new AcknowledgeCase(CaseId, By, Now.AddHours(1)), AcknowledgeCase.Decide).Then(Acknowledged());

    [Fact]
    public void Acknowledging_after_the_deadline_is_recorded_as_late() =>
        Spec.Given(Opened(), Triaged()).When(new AcknowledgeCase(CaseId, By, Now.AddHours(25)), AcknowledgeCase.Decide)
            .Then(new CaseAcknowledged(CaseId, School, Now.AddHours(24), true, By, Now.AddHours(25)));

    [Fact]
    public void A_case_with_no_deadline_yet_is_acknowledged_on_time() =>
        Spec.Given(Opened()).When(new AcknowledgeCase(CaseId, By, Now.AddDays(30)), AcknowledgeCase.Decide)
            .Then(new CaseAcknowledged(CaseId, School, null, false, By, Now.AddDays(30)));

    [Fact]
    public void Cannot_acknowledge_twice() =>
        Spec.Given(Handled()).When(new AcknowledgeCase(CaseId, By, Now.AddHours(2)), AcknowledgeCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_acknowledge_a_case_that_does_not_exist() =>
        Spec.Given().When(new AcknowledgeCase(CaseId, By, Now), AcknowledgeCase.Decide).ThenFails(RuleViolationKind.NotFound);
}
