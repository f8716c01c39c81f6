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
    /// The submission, and the triage it arrived with as a report-triaged notification of its own (its id derived
    /// from the message's), so partners are told of every triage the same way whichever message carried it.
    /// </summary>
    public static IReadOnlyList<Notification> Of(ReportSubmitted message, Guid messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var submitted = Report(messageId, NotificationTypes.ReportSubmitted, message.ReportId, message.ReceivingOrganizationId, message.SubmittedAt,
            urgent: false, new { message.ReportId, message.ReceivingOrganizationId, message.SubmittedAt });
        return message.Triage is { } triage
            ? [submitted, Triaged(DerivedMessageId.Of(messageId, "intake:triage"), message.ReportId, message.ReceivingOrganizationId, triage.Priority,
                triage.AcknowledgeBy, message.SubmittedAt)]
            : [submitted];
    }

    public static Notification Of(ReportTriaged message, Guid messageId) =>
        Triaged(messageId, message.ReportId, message.ReceivingOrganizationId, message.Priority, message.AcknowledgeBy, message.TriagedAt);

    /// <summary>Urgent: delivered ahead of everything else, the moment it is recorded.</summary>
    public static Notification Of(UrgentReportRaised message, Guid messageId) =>
        Report(messageId, NotificationTypes.UrgentReportRaised, message.ReportId, message.ReceivingOrganizationId, message.RaisedAt, urgent: true,
            new { message.ReportId, message.ReceivingOrganizationId, message.AcknowledgeBy, message.RaisedAt });

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

    private static Notification Report(Guid id, string type, Guid reportId, Guid receivingOrganizationId, DateTimeOffset time, bool urgent, object data) =>
        new(id, type, Source, $"/api/intake/reports/{reportId}", time, urgent, Entitled.ReceivingOrganization(receivingOrganizationId), data);
}
