namespace Cases.Handling.RecordingRetaliationConcerns;

public sealed record RecordRetaliationConcernRequest(string? Description);

public static class RecordRetaliationConcernEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, RecordRetaliationConcernRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => RecordRetaliationConcern.Decide(
            new(caseId, Guid.CreateVersion7(), request.Description ?? "", by, at), state));
}
