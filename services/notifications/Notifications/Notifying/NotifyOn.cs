using MassTransit;

namespace Notifications.Notifying;

/// <summary>
/// A consumer that records the notifications integration events stand for. The mapping (and who is
/// entitled) is the pure part, one function per contract; each consumer is then a single line.
/// Messages come in batches (<see cref="NotificationConsumers"/>): a backlog is recorded in a few
/// transactions rather than one per message, while a lone message waits only the batch's short time limit.
/// </summary>
public abstract class NotifyOn<TMessage>(NotificationRecorder recorder, Func<TMessage, Guid, Notification> notification) : IConsumer<Batch<TMessage>>
    where TMessage : class
{
    // The forwarder sends every integration event with message id = the stored event's id: the notification's identity.
    public Task Consume(ConsumeContext<Batch<TMessage>> context) =>
        recorder.RecordAsync(
            [.. context.Message.Select(message => notification(message.Message,
                message.MessageId ?? throw new InvalidOperationException("An integration event arrived without a message id; it cannot be deduplicated.")))],
            context.CancellationToken);
}
