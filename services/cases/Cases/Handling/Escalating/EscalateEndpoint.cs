namespace Cases.Handling.Escalating;

/// <summary><paramref name="AffectedPersonConsents"/> must be said explicitly: consent is never assumed.</summary>
public sealed record EscalateRequest(bool? AffectedPersonConsents, string? LegalBasis);

public static class EscalateEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, EscalateRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => EscalateToLawEnforcement.Decide(
            new(caseId, CaseChanges.Required(request.AffectedPersonConsents, "affectedPersonConsents"), request.LegalBasis, by, at), state));
}
