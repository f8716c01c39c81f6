using Intake.Contracts;
using MassTransit;

namespace Notifications.Notifying;

/// <summary>
/// A consumer that records the notification an integration event stands for. The mapping (and who
/// is entitled) is the pure part, one function per contract; each consumer is then a single line.
/// </summary>
public abstract class NotifyOn<TMessage>(NotificationRecorder recorder, Func<TMessage, Guid, Notification> notification) : IConsumer<TMessage>
    where TMessage : class
{
    // The forwarder sends every integration event with message id = the stored event's id: the notification's identity.
    public Task Consume(ConsumeContext<TMessage> context) =>
        recorder.RecordAsync(
            notification(context.Message, context.MessageId ?? throw new InvalidOperationException("An integration event arrived without a message id; it cannot be deduplicated.")),
            context.CancellationToken);
}

public sealed class NotifyOnReportSubmitted(NotificationRecorder recorder) : NotifyOn<ReportSubmitted>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnReportTriaged(NotificationRecorder recorder) : NotifyOn<ReportTriaged>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnUrgentReportRaised(NotificationRecorder recorder) : NotifyOn<UrgentReportRaised>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnReportWithdrawn(NotificationRecorder recorder) : NotifyOn<ReportWithdrawn>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnMessagePosted(NotificationRecorder recorder) : NotifyOn<MessagePosted>(recorder, IntakeNotifications.Of);
