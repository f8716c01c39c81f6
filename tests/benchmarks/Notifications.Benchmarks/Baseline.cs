using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Notifications.Benchmarks;

/// <summary>The baseline's message: the broker's own publish → consume, through the same RabbitMQ, at the same rate.</summary>
public sealed record BenchPing(Guid Id);

/// <summary>Notes when each ping was consumed (Stopwatch ticks).</summary>
public sealed class PingConsumer(ConcurrentDictionary<Guid, long> arrived) : IConsumer<BenchPing>
{
    public Task Consume(ConsumeContext<BenchPing> context)
    {
        arrived.TryAdd(context.Message.Id, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}
