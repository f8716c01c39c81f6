using Cases.Contracts;

namespace Notifications.Notifying;

/// <summary>
/// Cases' integration events as notifications, one pure function per contract, each for the case's
/// handling organization only (<see cref="Entitled.HandlingOrganization"/>). The data is what the
/// contract already limits itself to: ids, vocabulary and times; the subject is the case, read through the API.
/// </summary>
public static class CaseNotifications
{
    private const string Source = "/api/cases";

    public static Notification Of(CaseOpened message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseOpened, message.CaseId, message.OrganizationId, message.OpenedAt,
            new { message.CaseId, message.OrganizationId, message.ReportId, message.OpenedAt });

    public static Notification Of(CaseAcknowledged message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseAcknowledged, message.CaseId, message.OrganizationId, message.AcknowledgedAt,
            new { message.CaseId, message.OrganizationId, message.Late, message.AcknowledgedAt });

    /// <summary>The worker is the organization's own staff id: the partner knows who it is, a leaked log does not.</summary>
    public static Notification Of(CaseWorkerAssigned message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseWorkerAssigned, message.CaseId, message.OrganizationId, message.AssignedAt,
            new { message.CaseId, message.OrganizationId, message.WorkerId, message.AssignedAt });

    public static Notification Of(CaseEscalated message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseEscalated, message.CaseId, message.OrganizationId, message.EscalatedAt,
            new { message.CaseId, message.OrganizationId, message.Basis, message.EscalatedAt });

    public static Notification Of(CaseClosed message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseClosed, message.CaseId, message.OrganizationId, message.ClosedAt,
            new { message.CaseId, message.OrganizationId, message.Outcome, message.ClosedAt });

    public static Notification Of(CaseReopened message, Guid messageId) =>
        Case(messageId, NotificationTypes.CaseReopened, message.CaseId, message.OrganizationId, message.ReopenedAt,
            new { message.CaseId, message.OrganizationId, message.ReopenedAt });

    private static Notification Case(Guid id, string type, Guid caseId, Guid handlingOrganizationId, DateTimeOffset time, object data) =>
        new(id, type, Source, $"/api/cases/{caseId}", time, Urgent: false, Entitled.HandlingOrganization(handlingOrganizationId), data);
}
