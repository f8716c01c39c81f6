using Cases.Handling;
using Cases.Handling.Triaging;
using Intake.Contracts;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class TriagingSpecs
{
    private static RecordTriage Command(DateTimeOffset? at = null) =>
        new(CaseId, ReportPriority.Urgent, [TriageRule.ImmediateDanger], Now.AddHours(24), at ?? Now);

    [Fact]
    public void Intakes_triage_sets_the_cases_priority_and_deadline() =>
        Spec.Given(Opened()).When(Command(), RecordTriage.Decide).Then(Triaged());

    [Fact]
    public void The_same_triage_delivered_again_decides_nothing() =>
        Spec.Given(Opened(), Triaged()).When(Command(), RecordTriage.Decide).Then();

    [Fact]
    public void An_older_triage_arriving_after_a_newer_one_decides_nothing() =>
        Spec.Given(Opened(), Triaged(at: Now.AddHours(2))).When(Command(at: Now), RecordTriage.Decide).Then();

    [Fact]
    public void A_re_triage_is_recorded() =>
        Spec.Given(Opened(), Triaged()).When(Command(at: Now.AddHours(2)), RecordTriage.Decide).Then(Triaged(at: Now.AddHours(2)));

    [Fact]
    public void A_triage_before_its_case_is_open_is_not_found_so_the_consumer_retries() =>
        Spec.Given().When(Command(), RecordTriage.Decide).ThenFails(RuleViolationKind.NotFound);
}
