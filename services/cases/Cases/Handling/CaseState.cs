using Platform.EventStore.Privacy;

namespace Cases.Handling;

public enum CaseStatus
{
    None,
    Open,
    Closed,
}

public enum InvestigationStatus
{
    None,
    Open,
    Concluded,
}

/// <summary>What the case's decisions need to know, folded from its stream. Nothing personal: the subjects are ids.</summary>
public sealed record CaseState(
    Guid Id,
    Guid OrganizationId,
    CaseStatus Status,
    Guid AffectedPersonId,
    Guid RespondentId,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? TriagedAt,
    bool Acknowledged,
    Guid? WorkerId,
    InvestigationStatus Investigation,
    bool Escalated,
    DateTimeOffset? ReportWithdrawnAt,
    IReadOnlySet<Guid> ErasedSubjects)
{
    public static readonly CaseState Initial = new(
        Guid.Empty, Guid.Empty, CaseStatus.None, Guid.Empty, Guid.Empty, null, null, false, null, InvestigationStatus.None, false, null, new HashSet<Guid>());

    /// <summary>Events this state does not depend on (notes, evidence, measures, concerns) leave it as it is.</summary>
    public static CaseState Evolve(CaseState state, object @event) => @event switch
    {
        CaseOpened opened => state with
        {
            Id = opened.CaseId,
            OrganizationId = opened.OrganizationId,
            Status = CaseStatus.Open,
            AffectedPersonId = opened.AffectedPersonId,
            RespondentId = opened.RespondentId,
        },
        CaseTriaged triaged => state with { AcknowledgeBy = triaged.AcknowledgeBy, TriagedAt = triaged.TriagedAt },
        CaseAcknowledged => state with { Acknowledged = true },
        CaseWorkerAssigned assigned => state with { WorkerId = assigned.WorkerId },
        InvestigationOpened => state with { Investigation = InvestigationStatus.Open },
        InvestigationConcluded => state with { Investigation = InvestigationStatus.Concluded },
        CaseEscalated => state with { Escalated = true },
        ReportWithdrawalRecorded withdrawn => state with { ReportWithdrawnAt = withdrawn.WithdrawnAt },
        CaseClosed => state with { Status = CaseStatus.Closed },
        CaseReopened => state with { Status = CaseStatus.Open },
        SubjectErased erased when Guid.TryParse(erased.SubjectId, out var subject) =>
            state with { ErasedSubjects = new HashSet<Guid>(state.ErasedSubjects) { subject } },
        _ => state,
    };

    public static CaseState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    public Guid SubjectId(CaseSubject subject) => subject == CaseSubject.Respondent ? RespondentId : AffectedPersonId;

    /// <summary>The rules every handling action shares: the case exists and is open.</summary>
    public void EnsureOpen()
    {
        if (Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        if (Status == CaseStatus.Closed)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case is closed: reopen it first.");
        }
    }

    /// <summary>
    /// An erased subject's data cannot be recorded again (the store refuses it too); saying so here
    /// gives the handler a clear answer before anything is sealed.
    /// </summary>
    public void EnsureNotErased(Guid subjectId)
    {
        if (ErasedSubjects.Contains(subjectId))
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict,
                "The personal data of this person was erased: nothing more can be recorded about them.");
        }
    }
}
