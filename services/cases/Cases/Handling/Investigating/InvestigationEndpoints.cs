namespace Cases.Handling.Investigating;

public sealed record ConcludeInvestigationRequest(InvestigationFinding? Finding, string? Findings);

public static class InvestigationEndpoints
{
    public static Task<IResult> OpenAsync(Guid caseId, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => OpenInvestigation.Decide(new(caseId, by, at), state));

    public static Task<IResult> ConcludeAsync(Guid caseId, ConcludeInvestigationRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => ConcludeInvestigation.Decide(
            new(caseId, CaseChanges.Required(request.Finding, "finding"), request.Findings ?? "", by, at), state));
}
