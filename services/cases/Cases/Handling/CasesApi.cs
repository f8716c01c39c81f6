using Cases.Handling.Acknowledging;
using Cases.Handling.AddingNotes;
using Cases.Handling.AssessingRisk;
using Cases.Handling.AssigningWorker;
using Cases.Handling.Auditing;
using Cases.Handling.Closing;
using Cases.Handling.Erasing;
using Cases.Handling.Escalating;
using Cases.Handling.Investigating;
using Cases.Handling.Opening;
using Cases.Handling.Reading;
using Cases.Handling.RecordingEvidence;
using Cases.Handling.RecordingInterimMeasures;
using Cases.Handling.RecordingRetaliationConcerns;
using Cases.Handling.Reopening;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling;

/// <summary>
/// The route table of the case stream. Who may call what:
/// - changes: the handling organization's case workers (role caseworker); an auditor lacks the
///   role (403), any other organization gets 404;
/// - the case (now or as it stood), its timeline and the organization's case list: the handling
///   organization, or an auditor assigned to it (the assignment grant allows reading only);
/// - history, diff, verification and read-access log: assigned auditors only (role auditor).
/// </summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("cases");

        cases.MapPost("", OpenCaseEndpoint.HandleAsync).RequireCaller(Scopes.Cases, Roles.Caseworker);
        cases.MapGet("/list", CaseList.OwnAsync).RequireCaller(Scopes.Cases, Roles.Caseworker);
        cases.MapGet("/organizations/{organizationId:guid}/list", CaseList.OfOrganizationAsync)
            .RequireOrganizationAccess(OrganizationOwners.Type, "organizationId", Scopes.Cases);

        cases.MapGet("/{caseId:guid}", CaseEndpoints.GetAsync).RequireCaseAccess();
        cases.MapGet("/{caseId:guid}/timeline", CaseEndpoints.TimelineAsync).RequireCaseAccess();

        cases.MapPost("/{caseId:guid}/acknowledgement", AcknowledgeEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/assignment", AssignWorkerEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/risk-assessments", AssessRiskEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/notes", AddNoteEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/evidence", RecordEvidenceEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/interim-measures", RecordInterimMeasureEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/investigation", InvestigationEndpoints.OpenAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/investigation/conclusion", InvestigationEndpoints.ConcludeAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/escalation", EscalateEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/retaliation-concerns", RecordRetaliationConcernEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/closure", CloseEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/reopening", ReopenEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);
        cases.MapPost("/{caseId:guid}/erasures", EraseSubjectEndpoint.HandleAsync).RequireCaseAccess(Roles.Caseworker);

        cases.MapGet("/{caseId:guid}/history", AuditEndpoints.HistoryAsync).RequireCaseAccess(Roles.Auditor);
        cases.MapGet("/{caseId:guid}/diff", AuditEndpoints.DiffAsync).RequireCaseAccess(Roles.Auditor);
        cases.MapGet("/{caseId:guid}/verification", AuditEndpoints.VerifyAsync).RequireCaseAccess(Roles.Auditor);
        cases.MapGet("/{caseId:guid}/read-access", AuditEndpoints.ReadAccessAsync).RequireCaseAccess(Roles.Auditor);
        return app;
    }
}
