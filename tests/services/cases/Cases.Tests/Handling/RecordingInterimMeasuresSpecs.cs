using Cases.Handling;
using Cases.Handling.RecordingInterimMeasures;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class RecordingInterimMeasuresSpecs
{
    private static readonly Guid MeasureId = Guid.Parse("0195a1b2-0000-7000-8000-00000000f003");

    [Theory]
    [InlineData(InterimMeasureKind.SeparationOfParties)]
    [InlineData(InterimMeasureKind.ProtectiveOrderSupport)]
    [InlineData(InterimMeasureKind.RestrainingOrderSupport)]
    [InlineData(InterimMeasureKind.WorkplaceMeasure)]
    [InlineData(InterimMeasureKind.SchoolMeasure)]
    public void Each_kind_of_measure_is_recorded(InterimMeasureKind kind) =>
        Spec.Given(Handled()).When(new RecordInterimMeasure(CaseId, MeasureId, kind, "Different classes from Monday", By, Now), RecordInterimMeasure.Decide)
            .Then(new InterimMeasureRecorded(CaseId, School, MeasureId, kind, AffectedPerson, "Different classes from Monday", By, Now));

    [Fact]
    public void A_measure_of_another_kind_needs_its_details() =>
        Spec.Given(Handled()).When(new RecordInterimMeasure(CaseId, MeasureId, InterimMeasureKind.Other, null, By, Now), RecordInterimMeasure.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void Cannot_record_a_measure_on_a_closed_case() =>
        Spec.Given([.. Handled(), Closed()]).When(new RecordInterimMeasure(CaseId, MeasureId, InterimMeasureKind.SchoolMeasure, null, By, Now), RecordInterimMeasure.Decide)
            .ThenFails(RuleViolationKind.Conflict);
}
