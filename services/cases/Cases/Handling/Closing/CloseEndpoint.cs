using Cases.Contracts;

namespace Cases.Handling.Closing;

public sealed record CloseRequest(CaseOutcome? Outcome);

public static class CloseEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, CloseRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) =>
            CloseCase.Decide(new(caseId, CaseChanges.Required(request.Outcome, "outcome"), by, at), state));
}
