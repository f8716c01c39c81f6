using MassTransit;

namespace Notifications.Notifying;

/// <summary>
/// A consumer that records the notifications integration events stand for. The mapping (and who is
/// entitled) is the pure part, one function per contract; each consumer is then a single line.
/// Messages come in batches (<see cref="NotificationConsumers"/>): a backlog is recorded in a few
/// transactions rather than one per message, while a lone message waits only the batch's short time limit.
/// </summary>
public abstract class NotifyOn<TMessage>(NotificationRecorder recorder, Func<TMessage, Guid, IReadOnlyList<Notification>> notifications)
    : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    /// <summary>A message that stands for one notification (its id the message's).</summary>
    protected NotifyOn(NotificationRecorder recorder, Func<TMessage, Guid, Notification> notification)
        : this(recorder, (message, messageId) => [notification(message, messageId)])
    {
    }

    // The forwarder sends every integration event with message id = the stored event's id: the notification's identity.
    public Task Consume(ConsumeContext<Batch<TMessage>> context) =>
        recorder.RecordAsync(
            [.. context.Message.Select(message => message.MessageId is { } messageId
                ? new MessageNotifications(messageId, notifications(message.Message, messageId))
                : throw new InvalidOperationException("An integration event arrived without a message id; it cannot be deduplicated."))],
            context.CancellationToken);
}
