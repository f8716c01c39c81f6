using Cases.Handling;
using Cases.Handling.RecordingRetaliationConcerns;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class RecordingRetaliationConcernsSpecs
{
    private static readonly Guid ConcernId = Guid.Parse("0195a1b2-0000-7000-8000-00000000f004");

    [Fact]
    public void A_concern_is_the_affected_persons_personal_data() =>
        Spec.Given(Handled()).When(new RecordRetaliationConcern(CaseId, ConcernId, "Excluded from the team trip.", By, Now), RecordRetaliationConcern.Decide)
            .Then(new RetaliationConcernRecorded(CaseId, School, ConcernId, AffectedPerson, "Excluded from the team trip.", By, Now));

    [Fact]
    public void A_concern_is_recorded_on_a_closed_case_too() =>
        Spec.Given([.. Handled(), Closed()]).When(new RecordRetaliationConcern(CaseId, ConcernId, "Threatened after closing.", By, Now), RecordRetaliationConcern.Decide)
            .Then(new RetaliationConcernRecorded(CaseId, School, ConcernId, AffectedPerson, "Threatened after closing.", By, Now));

    [Fact]
    public void A_concern_needs_a_description() =>
        Spec.Given(Handled()).When(new RecordRetaliationConcern(CaseId, ConcernId, "", By, Now), RecordRetaliationConcern.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Cannot_record_a_concern_on_a_case_that_does_not_exist() =>
        Spec.Given().When(new RecordRetaliationConcern(CaseId, ConcernId, "Concern.", By, Now), RecordRetaliationConcern.Decide)
            .ThenFails(RuleViolationKind.NotFound);
}
