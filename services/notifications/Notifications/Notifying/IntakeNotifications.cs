using Intake.Contracts;
using Platform.Messaging;

namespace Notifications.Notifying;

/// <summary>
/// Intake's integration events as notifications: one pure function per contract, each saying
/// what partners see and who is entitled to it (<see cref="Entitled.ReceivingOrganization"/>).
/// </summary>
public static class IntakeNotifications
{
    private const string Source = "/api/intake";

    /// <summary>
    /// The submission; the triage it arrived with as a report-triaged notification of its own; and,
    /// when that triage is urgent, an urgent-report-raised one. Their ids are derived from the
    /// message's, so partners are told of every triage and urgency the same way whichever message
    /// carried it (reports submitted before the triage travelled with them sent each separately).
    /// </summary>
    public static IReadOnlyList<Notification> Of(ReportSubmitted message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var submitted = Report(messageId, NotificationTypes.ReportSubmitted, message.ReportId, message.ReceivingOrganizationId, message.SubmittedAt,
            urgent: false, new { message.ReportId, message.ReceivingOrganizationId, message.SubmittedAt });
        if (message.Triage is not { } triage)
        {
            return [submitted];
        }
        var triaged = Triaged(DerivedMessageId.Of(messageId, "intake:triage"), message.ReportId, message.ReceivingOrganizationId, triage.Priority,
            triage.AcknowledgeBy, message.SubmittedAt);
        return triage.Priority == ReportPriority.Urgent
            ? [submitted, triaged, Urgent(DerivedMessageId.Of(messageId, "intake:urgent"), message.ReportId, message.ReceivingOrganizationId,
                triage.AcknowledgeBy, message.SubmittedAt)]
            : [submitted, triaged];
    }

    public static Notification Of(ReportTriaged message, Guid messageId) =>
        Triaged(messageId, message.ReportId, message.ReceivingOrganizationId, message.Priority, message.AcknowledgeBy, message.TriagedAt);

    public static Notification Of(UrgentReportRaised message, Guid messageId) =>
        Urgent(messageId, message.ReportId, message.ReceivingOrganizationId, message.AcknowledgeBy, message.RaisedAt);

    public static Notification Of(ReportWithdrawn message, Guid messageId) =>
        Report(messageId, NotificationTypes.ReportWithdrawn, message.ReportId, message.ReceivingOrganizationId, message.WithdrawnAt, urgent: false,
            new { message.ReportId, message.ReceivingOrganizationId, message.WithdrawnAt });

    /// <summary>Which side wrote is vocabulary; the text stays in intake.</summary>
    public static Notification Of(MessagePosted message, Guid messageId) =>
        Report(messageId, NotificationTypes.MessagePosted, message.ReportId, message.ReceivingOrganizationId, message.PostedAt, urgent: false,
            new { message.ReportId, message.ReceivingOrganizationId, message.MessageId, message.Author, message.PostedAt });

    private static Notification Triaged(
        Guid id, Guid reportId, Guid receivingOrganizationId, ReportPriority priority, DateTimeOffset acknowledgeBy, DateTimeOffset triagedAt) =>
        Report(id, NotificationTypes.ReportTriaged, reportId, receivingOrganizationId, triagedAt, urgent: false,
            new { ReportId = reportId, ReceivingOrganizationId = receivingOrganizationId, Priority = priority, AcknowledgeBy = acknowledgeBy, TriagedAt = triagedAt });

    /// <summary>Urgent: delivered ahead of everything else, the moment it is recorded.</summary>
    private static Notification Urgent(Guid id, Guid reportId, Guid receivingOrganizationId, DateTimeOffset acknowledgeBy, DateTimeOffset raisedAt) =>
        Report(id, NotificationTypes.UrgentReportRaised, reportId, receivingOrganizationId, raisedAt, urgent: true,
            new { ReportId = reportId, ReceivingOrganizationId = receivingOrganizationId, AcknowledgeBy = acknowledgeBy, RaisedAt = raisedAt });

    private static Notification Report(Guid id, string type, Guid reportId, Guid receivingOrganizationId, DateTimeOffset time, bool urgent, object data) =>
        new(id, type, Source, $"/api/intake/reports/{reportId}", time, urgent, Entitled.ReceivingOrganization(receivingOrganizationId), data);
}
