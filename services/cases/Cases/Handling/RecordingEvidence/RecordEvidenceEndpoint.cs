namespace Cases.Handling.RecordingEvidence;

public sealed record RecordEvidenceRequest(EvidenceKind? Kind, string? Reference, string? Description);

public static class RecordEvidenceEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, RecordEvidenceRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => RecordEvidence.Decide(
            new(caseId, Guid.CreateVersion7(), CaseChanges.Required(request.Kind, "kind"), request.Reference ?? "", request.Description, by, at), state));
}
