using System.Diagnostics;
using MassTransit;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Subscriptions;

namespace Platform.Messaging.Forwarding;

/// <summary>
/// The outbox's relay: publishes the public events of each batch of the log to RabbitMQ, with
/// message id = event id, and returns only once the broker has confirmed every one of them, so the
/// subscription moves its checkpoint past nothing unconfirmed. Delivery is at least once: a batch
/// that fails half-way is published again whole, and consumers deduplicate by message id.
/// </summary>
public sealed class EventForwarder(IBus bus, IntegrationEventMap map, EventForwarderOptions options) : ISubscriptionHandler
{
    /// <summary>The forwarder's own producer spans, children of the append that stored each event.</summary>
    public static readonly ActivitySource Telemetry = new("Platform.Messaging");

    private const string ActivityName = "eventstore.forward";

    // Its effects are the broker's: the checkpoint moves on its own.
    public bool WritesToDatabase => false;

    public async Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Mapped first, so a mapping that throws fails the batch before anything is in flight.
        var outgoing = events
            .Select(recorded => (Recorded: recorded, Message: map.Map(recorded)))
            .Where(pair => pair.Message is not null)
            .ToList();
        if (outgoing.Count == 0)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ConfirmTimeout);
        // All publishes start before any is awaited: confirms then come back pipelined on the
        // channel instead of costing one round trip each. Order between messages is not kept
        // (it never is, with redeliveries); consumers rely on ids and stream versions, not arrival.
        var publishes = outgoing.Select(pair => PublishAsync(pair.Recorded, pair.Message!, deadline.Token)).ToList();

        try
        {
            // WhenAll waits for every publish, failed or not, so none is still running when the
            // batch is retried.
            await Task.WhenAll(publishes);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var unconfirmed = publishes.Count(publish => !publish.IsCompletedSuccessfully);
            throw new TimeoutException(
                $"RabbitMQ did not confirm {unconfirmed} of {publishes.Count} messages within {options.ConfirmTimeout.TotalSeconds:0.#} s "
                + "(is the broker down?); the batch will be published again.");
        }
    }

    private async Task PublishAsync(RecordedEvent recorded, object message, CancellationToken cancellationToken)
    {
        // Activity.Current is local to this async call, so each concurrent publish has its own parent:
        // MassTransit's send span, and through its headers the consumer's, join the append's trace.
        using var activity = StartProducerActivity(recorded);
        await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context => Stamp(context, recorded)), cancellationToken);
    }

    private static void Stamp(PublishContext context, RecordedEvent recorded)
    {
        var metadata = recorded.Metadata;
        context.MessageId = recorded.EventId;
        context.Durable = true;
        if (Guid.TryParse(metadata.CorrelationId, out var correlationId))
        {
            context.CorrelationId = correlationId;
        }
        context.Headers.Set(IntegrationEventHeaders.CorrelationId, metadata.CorrelationId);
        context.Headers.Set(IntegrationEventHeaders.EventType, recorded.EventType);
        if (metadata.Actor.OrganizationId is { } organizationId)
        {
            context.Headers.Set(IntegrationEventHeaders.OrganizationId, organizationId);
        }
    }

    private static Activity? StartProducerActivity(RecordedEvent recorded)
    {
        var traceparent = recorded.Metadata.Traceparent;
        var parent = ActivityContext.TryParse(traceparent, traceState: null, out var stored) ? stored : default;
        var activity = Telemetry.StartActivity(ActivityName, ActivityKind.Producer, parent);
        if (activity is null && traceparent is not null)
        {
            // Nobody records this source, but the trace must still reach the consumer: an unrecorded
            // activity carries the stored context, and MassTransit's own send span takes it as parent.
            activity = new Activity(ActivityName).SetParentId(traceparent).Start();
        }
        activity?.SetTag("messaging.message.id", recorded.EventId.ToString());
        activity?.SetTag("platform.event_type", recorded.EventType);
        activity?.SetTag("platform.global_position", recorded.GlobalPosition);
        return activity;
    }
}
