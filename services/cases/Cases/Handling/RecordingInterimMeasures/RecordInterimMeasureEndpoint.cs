namespace Cases.Handling.RecordingInterimMeasures;

public sealed record RecordInterimMeasureRequest(InterimMeasureKind? Kind, string? Details);

public static class RecordInterimMeasureEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, RecordInterimMeasureRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => RecordInterimMeasure.Decide(
            new(caseId, Guid.CreateVersion7(), CaseChanges.Required(request.Kind, "kind"), request.Details, by, at), state));
}
