namespace Cases.Handling.Reopening;

public sealed record ReopenRequest(ReopeningReason? Reason);

public static class ReopenEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, ReopenRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) =>
            ReopenCase.Decide(new(caseId, CaseChanges.Required(request.Reason, "reason"), by, at), state));
}
