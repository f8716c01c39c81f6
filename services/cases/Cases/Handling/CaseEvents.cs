using Cases.Contracts;
using Intake.Contracts;
using Platform.EventStore.Privacy;

namespace Cases.Handling;

// The schema of a case's stream (stream id: "case-{CaseId}", see CaseStreams). Whose personal data is whose:
// - a case has two data subjects, minted when it opens: the affected person (the survivor) and the
//   respondent (the alleged perpetrator). The case holds no copy of the report's content: handlers
//   read it from intake, which logs that read; these ids are the case's own, not intake's people;
// - the safety plan, risk factors, interim measure details, evidence references and retaliation
//   concerns are the affected person's: they describe their situation and where they can be found;
// - an investigation's findings are the respondent's: they say what that person did;
// - a note is about one of the two, chosen when it is written;
// - status, vocabulary (kind, level, outcome, basis), worker ids and times stay plain: the list,
//   the deadline checks and other services need them, and none names or locates anyone.
// A legal basis for an override is a citation of the law, never a description of a person.
// Every event names the handling organization, so read models and contracts need no lookup.

/// <summary>A case opened, from a report (<paramref name="ReportId"/>) or directly by a handler (null).</summary>
public sealed record CaseOpened(
    Guid CaseId,
    Guid OrganizationId,
    Guid? ReportId,
    ReportKind Kind,
    ReportSetting Setting,
    ReportMode? Mode,
    ReportPriority? Priority,
    Guid AffectedPersonId,
    Guid RespondentId,
    string OpenedBy,
    DateTimeOffset OpenedAt);

/// <summary>Intake gave the case's report a priority and a deadline for its acknowledgement (again if re-triaged).</summary>
public sealed record CaseTriaged(
    Guid CaseId,
    Guid OrganizationId,
    ReportPriority Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset TriagedAt);

/// <summary>The handling organization acknowledged the case; <paramref name="Late"/> when after <paramref name="AcknowledgeBy"/>.</summary>
public sealed record CaseAcknowledged(
    Guid CaseId,
    Guid OrganizationId,
    DateTimeOffset? AcknowledgeBy,
    bool Late,
    string AcknowledgedBy,
    DateTimeOffset AcknowledgedAt);

/// <summary>A case worker took the case over from <paramref name="PreviousWorkerId"/> (null on the first assignment).</summary>
public sealed record CaseWorkerAssigned(
    Guid CaseId,
    Guid OrganizationId,
    Guid WorkerId,
    Guid? PreviousWorkerId,
    string AssignedBy,
    DateTimeOffset AssignedAt);

/// <summary>A risk assessment: the level is plain (it drives handling), its reasons and the safety plan are the affected person's.</summary>
public sealed record RiskAssessed(
    Guid CaseId,
    Guid OrganizationId,
    Guid AssessmentId,
    RiskLevel Level,
    RiskDetails Details,
    string AssessedBy,
    DateTimeOffset AssessedAt);

/// <summary>Personal data of <paramref name="AffectedPersonId"/>.</summary>
public sealed record RiskDetails(
    [property: DataSubject] Guid AffectedPersonId,
    [property: PersonalData] IReadOnlyList<string>? Factors,
    [property: PersonalData] string? SafetyPlan);

/// <summary>A handler's note about one of the case's subjects.</summary>
public sealed record NoteAdded(
    Guid CaseId,
    Guid OrganizationId,
    Guid NoteId,
    [property: DataSubject] Guid SubjectId,
    [property: PersonalData] string Text,
    string AddedBy,
    DateTimeOffset AddedAt);

/// <summary>Where a piece of evidence is held (never the evidence itself), and what it shows.</summary>
public sealed record EvidenceRecorded(
    Guid CaseId,
    Guid OrganizationId,
    Guid EvidenceId,
    EvidenceKind Kind,
    [property: DataSubject] Guid AffectedPersonId,
    [property: PersonalData] string Reference,
    [property: PersonalData] string? Description,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>A measure protecting the affected person while the case goes on.</summary>
public sealed record InterimMeasureRecorded(
    Guid CaseId,
    Guid OrganizationId,
    Guid MeasureId,
    InterimMeasureKind Kind,
    [property: DataSubject] Guid AffectedPersonId,
    [property: PersonalData] string? Details,
    string RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record InvestigationOpened(
    Guid CaseId,
    Guid OrganizationId,
    string OpenedBy,
    DateTimeOffset OpenedAt);

/// <summary>The investigation's conclusion: the finding is plain, what was found is the respondent's personal data.</summary>
public sealed record InvestigationConcluded(
    Guid CaseId,
    Guid OrganizationId,
    InvestigationFinding Finding,
    [property: DataSubject] Guid RespondentId,
    [property: PersonalData] string Findings,
    string ConcludedBy,
    DateTimeOffset ConcludedAt);

/// <summary>The case went to law enforcement on <paramref name="Basis"/>; <paramref name="LegalBasis"/> cites the law for an override.</summary>
public sealed record CaseEscalated(
    Guid CaseId,
    Guid OrganizationId,
    EscalationBasis Basis,
    string? LegalBasis,
    string EscalatedBy,
    DateTimeOffset EscalatedAt);

/// <summary>A concern that the affected person (or someone supporting them) faces retaliation.</summary>
public sealed record RetaliationConcernRecorded(
    Guid CaseId,
    Guid OrganizationId,
    Guid ConcernId,
    [property: DataSubject] Guid AffectedPersonId,
    [property: PersonalData] string Description,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>
/// The reporter's side withdrew the case's report in intake. The case records it and goes on: whether
/// it can stop (a minor at risk may oblige it to continue) is the handler's decision, by closing it.
/// </summary>
public sealed record ReportWithdrawalRecorded(
    Guid CaseId,
    Guid OrganizationId,
    DateTimeOffset WithdrawnAt);

public sealed record CaseClosed(
    Guid CaseId,
    Guid OrganizationId,
    CaseOutcome Outcome,
    string ClosedBy,
    DateTimeOffset ClosedAt);

public sealed record CaseReopened(
    Guid CaseId,
    Guid OrganizationId,
    ReopeningReason Reason,
    string ReopenedBy,
    DateTimeOffset ReopenedAt);
