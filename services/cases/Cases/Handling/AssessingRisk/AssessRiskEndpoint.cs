namespace Cases.Handling.AssessingRisk;

public sealed record AssessRiskRequest(RiskLevel? Level, IReadOnlyList<string>? Factors, string? SafetyPlan);

public static class AssessRiskEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, AssessRiskRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => AssessRisk.Decide(
            new(caseId, Guid.CreateVersion7(), CaseChanges.Required(request.Level, "level"), request.Factors, request.SafetyPlan, by, at), state));
}
