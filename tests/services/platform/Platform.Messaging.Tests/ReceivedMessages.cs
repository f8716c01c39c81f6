using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Platform.Messaging.Forwarding;

namespace Platform.Messaging.Tests;

/// <summary>What a consumer saw of one message, the first time it arrived.</summary>
public sealed record Delivery(
    Guid? MessageId,
    Guid? CorrelationId,
    ActivityTraceId? ConsumerTraceId,
    string? ActivityIdHeader,
    string? EventTypeHeader,
    string? OrganizationHeader,
    string? CorrelationHeader,
    Contracts.WidgetCounted Message);

/// <summary>Every message id a real consumer received, and how many times.</summary>
public sealed class ReceivedMessages
{
    private readonly ConcurrentDictionary<Guid, int> counts = new();
    private readonly ConcurrentDictionary<Guid, Delivery> first = new();

    public int Distinct => counts.Count;

    /// <summary>Deliveries beyond the first of each message id (at-least-once delivery allows them).</summary>
    public int Duplicates => counts.Values.Sum(count => count - 1);

    public Delivery? FirstOf(Guid messageId) => first.GetValueOrDefault(messageId);

    public void Record(Delivery delivery)
    {
        var id = delivery.MessageId ?? Guid.Empty;
        first.TryAdd(id, delivery);
        counts.AddOrUpdate(id, 1, (_, count) => count + 1);
    }

    /// <summary>
    /// Waits until every id has arrived or <paramref name="within"/> has passed, and returns those still
    /// missing. A bounded wait for a state, not a timing assertion.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> WaitForAsync(IReadOnlyCollection<Guid> ids, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var missing = ids.Where(id => !counts.ContainsKey(id)).ToList();
            if (missing.Count == 0 || DateTime.UtcNow > deadline)
            {
                return missing;
            }
            await Task.Delay(100);
        }
    }
}

/// <summary>A real MassTransit consumer on the real broker: records what arrived and under which trace.</summary>
public sealed class RecordingConsumer(ReceivedMessages received) : IConsumer<Contracts.WidgetCounted>
{
    public Task Consume(ConsumeContext<Contracts.WidgetCounted> context)
    {
        received.Record(new Delivery(
            context.MessageId,
            context.CorrelationId,
            Activity.Current?.TraceId,
            context.Headers.Get<string>("MT-Activity-Id"),
            context.Headers.Get<string>(IntegrationEventHeaders.EventType),
            context.Headers.Get<string>(IntegrationEventHeaders.OrganizationId),
            context.Headers.Get<string>(IntegrationEventHeaders.CorrelationId),
            context.Message));
        return Task.CompletedTask;
    }
}
