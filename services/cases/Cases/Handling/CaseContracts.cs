using Platform.Messaging.Forwarding;
using Public = Cases.Contracts;

namespace Cases.Handling;

/// <summary>
/// Which case events leave cases, and as what: ids, vocabulary and times, never a personal field
/// (sealed or not). Notes, assessments, evidence, measures, findings and concerns stay private.
/// </summary>
public static class CaseContracts
{
    public static IntegrationEventMap PublishCaseEvents(this IntegrationEventMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map
            .Publish<CaseOpened>((e, _) => new Public.CaseOpened(e.CaseId, e.OrganizationId, e.ReportId, e.OpenedAt))
            .Publish<CaseAcknowledged>((e, _) => new Public.CaseAcknowledged(e.CaseId, e.OrganizationId, e.Late, e.AcknowledgedAt))
            .Publish<CaseWorkerAssigned>((e, _) => new Public.CaseWorkerAssigned(e.CaseId, e.OrganizationId, e.WorkerId, e.AssignedAt))
            .Publish<CaseEscalated>((e, _) => new Public.CaseEscalated(e.CaseId, e.OrganizationId, e.Basis, e.EscalatedAt))
            .Publish<CaseClosed>((e, _) => new Public.CaseClosed(e.CaseId, e.OrganizationId, e.Outcome, e.ClosedAt))
            .Publish<CaseReopened>((e, _) => new Public.CaseReopened(e.CaseId, e.OrganizationId, e.ReopenedAt));
    }
}
