using Cases.Contracts;
using Intake.Contracts;
using Platform.EventStore.Privacy;

namespace Cases.Handling.Reading;

// The case as a handler reads it, folded from its stream: at its latest version for the handling
// organization, at any earlier time or version for an auditor replaying it, so both see the very
// same fold. Personal fields read as they do in the events: "[erased]" (or null) once their subject
// is erased.

public sealed record CaseView(
    Guid CaseId,
    Guid OrganizationId,
    Guid? ReportId,
    string Status,
    ReportKind? Kind,
    ReportSetting? Setting,
    ReportMode? Mode,
    ReportPriority? Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? AcknowledgedAt,
    bool AcknowledgedLate,
    Guid? WorkerId,
    Guid AffectedPersonId,
    Guid RespondentId,
    IReadOnlyList<RiskAssessmentView> RiskAssessments,
    IReadOnlyList<NoteView> Notes,
    IReadOnlyList<EvidenceView> Evidence,
    IReadOnlyList<InterimMeasureView> InterimMeasures,
    InvestigationView? Investigation,
    EscalationView? Escalation,
    IReadOnlyList<RetaliationConcernView> RetaliationConcerns,
    DateTimeOffset? ReportWithdrawnAt,
    CaseOutcome? Outcome,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> ErasedSubjects)
{
    public static readonly CaseView Initial = new(Guid.Empty, Guid.Empty, null, "none", null, null, null, null, [], null, null, false, null,
        Guid.Empty, Guid.Empty, [], [], [], [], null, null, [], null, null, null, null, []);

    public static CaseView Evolve(CaseView view, object @event) => @event switch
    {
        CaseOpened e => view with
        {
            CaseId = e.CaseId,
            OrganizationId = e.OrganizationId,
            ReportId = e.ReportId,
            Status = "open",
            Kind = e.Kind,
            Setting = e.Setting,
            Mode = e.Mode,
            Priority = e.Priority,
            AffectedPersonId = e.AffectedPersonId,
            RespondentId = e.RespondentId,
            OpenedAt = e.OpenedAt,
        },
        CaseTriaged e => view with { Priority = e.Priority, RulesFired = e.RulesFired, AcknowledgeBy = e.AcknowledgeBy },
        CaseAcknowledged e => view with { AcknowledgedAt = e.AcknowledgedAt, AcknowledgedLate = e.Late },
        CaseWorkerAssigned e => view with { WorkerId = e.WorkerId },
        RiskAssessed e => view with
        {
            RiskAssessments = [.. view.RiskAssessments, new(e.AssessmentId, e.Level, e.Details.Factors, e.Details.SafetyPlan, e.AssessedBy, e.AssessedAt)],
        },
        NoteAdded e => view with { Notes = [.. view.Notes, new(e.NoteId, Subject(view, e.SubjectId), e.Text, e.AddedBy, e.AddedAt)] },
        EvidenceRecorded e => view with
        {
            Evidence = [.. view.Evidence, new(e.EvidenceId, e.Kind, e.Reference, e.Description, e.RecordedBy, e.RecordedAt)],
        },
        InterimMeasureRecorded e => view with
        {
            InterimMeasures = [.. view.InterimMeasures, new(e.MeasureId, e.Kind, e.Details, e.RecordedBy, e.RecordedAt)],
        },
        InvestigationOpened e => view with { Investigation = new("open", e.OpenedAt, null, null, null) },
        InvestigationConcluded e => view with
        {
            Investigation = (view.Investigation ?? new("open", null, null, null, null)) with
            {
                Status = "concluded",
                Finding = e.Finding,
                Findings = e.Findings,
                ConcludedAt = e.ConcludedAt,
            },
        },
        CaseEscalated e => view with { Escalation = new(e.Basis, e.LegalBasis, e.EscalatedBy, e.EscalatedAt) },
        RetaliationConcernRecorded e => view with
        {
            RetaliationConcerns = [.. view.RetaliationConcerns, new(e.ConcernId, e.Description, e.RecordedBy, e.RecordedAt)],
        },
        ReportWithdrawalRecorded e => view with { ReportWithdrawnAt = e.WithdrawnAt },
        CaseClosed e => view with { Status = "closed", Outcome = e.Outcome, ClosedAt = e.ClosedAt },
        CaseReopened => view with { Status = "open", Outcome = null, ClosedAt = null },
        SubjectErased e => view with { ErasedSubjects = [.. view.ErasedSubjects, Guid.TryParse(e.SubjectId, out var id) ? Subject(view, id) : e.SubjectId] },
        _ => view,
    };

    private static string Subject(CaseView view, Guid subjectId) =>
        WireName.Of(subjectId == view.RespondentId ? CaseSubject.Respondent : CaseSubject.AffectedPerson);
}

public sealed record RiskAssessmentView(Guid AssessmentId, RiskLevel Level, IReadOnlyList<string>? Factors, string? SafetyPlan, string AssessedBy, DateTimeOffset AssessedAt);

public sealed record NoteView(Guid NoteId, string About, string Text, string AddedBy, DateTimeOffset AddedAt);

public sealed record EvidenceView(Guid EvidenceId, EvidenceKind Kind, string Reference, string? Description, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record InterimMeasureView(Guid MeasureId, InterimMeasureKind Kind, string? Details, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record InvestigationView(string Status, DateTimeOffset? OpenedAt, InvestigationFinding? Finding, string? Findings, DateTimeOffset? ConcludedAt);

public sealed record EscalationView(EscalationBasis Basis, string? LegalBasis, string EscalatedBy, DateTimeOffset EscalatedAt);

public sealed record RetaliationConcernView(Guid ConcernId, string Description, string RecordedBy, DateTimeOffset RecordedAt);
