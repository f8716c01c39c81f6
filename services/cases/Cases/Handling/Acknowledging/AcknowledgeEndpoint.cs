namespace Cases.Handling.Acknowledging;

public static class AcknowledgeEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => AcknowledgeCase.Decide(new(caseId, by, at), state));
}
