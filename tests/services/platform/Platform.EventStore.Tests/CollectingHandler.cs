using System.Collections.Concurrent;
using Npgsql;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Tests;

/// <summary>Records what a subscription delivers, in order; can be told to fail a number of times first.</summary>
public sealed class CollectingHandler : ISubscriptionHandler
{
    private readonly ConcurrentQueue<RecordedEvent> received = new();
    private int failuresLeft;

    public IReadOnlyList<RecordedEvent> Received => [.. received];

    public int Attempts { get; private set; }

    /// <summary>Fail the next <paramref name="times"/> batches (int.MaxValue: until told otherwise).</summary>
    public void FailNext(int times) => failuresLeft = times;

    public Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        Attempts++;
        if (failuresLeft > 0)
        {
            failuresLeft--;
            throw new InvalidOperationException("the handler failed on purpose");
        }
        foreach (var recorded in events)
        {
            received.Enqueue(recorded);
        }
        return Task.CompletedTask;
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds for what was received.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> WaitUntilAsync(Func<IReadOnlyList<RecordedEvent>, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!done(Received) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return Received;
    }
}
