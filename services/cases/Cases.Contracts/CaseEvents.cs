namespace Cases.Contracts;

// The integration events of a case, published by the forwarder with message id = the stored
// event's id. They carry ids, vocabulary and times only: no note, plan, finding or anything that
// names or describes a person. Every event names the handling organization, so a consumer can
// route and authorize without remembering the case. Delivery is at least once and in no
// particular order: consumers key on CaseId and dedupe by message id.

/// <summary>A case opened in <paramref name="OrganizationId"/>; <paramref name="ReportId"/> is null for a case a handler opened directly.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    Guid OrganizationId,
    Guid? ReportId,
    DateTimeOffset OpenedAt);

/// <summary>The handling organization acknowledged the case; <paramref name="Late"/> when after intake's deadline.</summary>
public sealed record CaseAcknowledged(
    Guid CaseId,
    Guid OrganizationId,
    bool Late,
    DateTimeOffset AcknowledgedAt);

/// <summary>A case worker (the organization's own staff id) was assigned, or the case reassigned.</summary>
public sealed record CaseWorkerAssigned(
    Guid CaseId,
    Guid OrganizationId,
    Guid WorkerId,
    DateTimeOffset AssignedAt);

/// <summary>The case was escalated to law enforcement, on the affected person's consent or on a recorded legal basis.</summary>
public sealed record CaseEscalated(
    Guid CaseId,
    Guid OrganizationId,
    EscalationBasis Basis,
    DateTimeOffset EscalatedAt);

/// <summary>The case closed with an outcome.</summary>
public sealed record CaseClosed(
    Guid CaseId,
    Guid OrganizationId,
    CaseOutcome Outcome,
    DateTimeOffset ClosedAt);

/// <summary>A closed case was reopened.</summary>
public sealed record CaseReopened(
    Guid CaseId,
    Guid OrganizationId,
    DateTimeOffset ReopenedAt);

/// <summary>
/// One of the case's two data subjects (<paramref name="SubjectId"/>, the affected person or the
/// respondent) was erased in <paramref name="OrganizationId"/>'s case: every copy of the case's data
/// held elsewhere (a referral's shared copy, say) must go too. Ids and time only: which person it
/// was is the subject id cases minted, never anything that names them.
/// </summary>
public sealed record CaseSubjectErased(
    Guid CaseId,
    Guid OrganizationId,
    Guid SubjectId,
    DateTimeOffset ErasedAt);
