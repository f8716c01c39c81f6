using System.Threading.Channels;
using Npgsql;

namespace Notifications.Delivering;

/// <summary>
/// Writes ended attempts to the delivery log in batches: whatever ended while the previous batch was
/// being written goes in the next one, in one transaction, so the database sees a few writes per
/// second under load instead of one per webhook. A call's slot is free as soon as its attempt is
/// queued; the queue is bounded, so a slow database slows the calls rather than filling memory.
/// A batch that cannot be written is dropped: its deliveries' leases run out and they are sent again
/// with the same webhook ids (at least once).
/// </summary>
public sealed partial class AttemptLog(DeliveryStore store, TimeSpan disableAfter, int capacity, ILogger logger)
{
    private readonly Channel<EndedAttempt> ended = Channel.CreateBounded<EndedAttempt>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask AddAsync(EndedAttempt attempt, CancellationToken cancellationToken) => ended.Writer.WriteAsync(attempt, cancellationToken);

    /// <summary>No more attempts: <see cref="WriteAsync"/> writes what is queued, then returns.</summary>
    public void Complete() => ended.Writer.TryComplete();

    /// <summary>Writes batches until <see cref="Complete"/> and the queue is empty.</summary>
    public async Task WriteAsync()
    {
        var batch = new List<EndedAttempt>(capacity);
        while (await ended.Reader.WaitToReadAsync())
        {
            while (batch.Count < capacity && ended.Reader.TryRead(out var attempt))
            {
                batch.Add(attempt);
            }
            try
            {
                // Not cancelled by stopping: what was sent is worth recording, or it is sent again.
                await store.RecordAsync(batch, disableAfter, CancellationToken.None);
                foreach (var attempt in batch)
                {
                    // Ids and outcomes only: never a URL (it may name a partner's system) or a body.
                    LogAttempt(logger, attempt.Delivery.Id, attempt.Delivery.EndpointId, attempt.Outcome.Outcome, attempt.Outcome.StatusCode,
                        attempt.Outcome.LatencyMs, attempt.Retry is RetryDecision.DeadLetter);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogBatchDropped(logger, batch.Count, exception is PostgresException postgres ? $"{postgres.SqlState} {postgres.MessageText}" : exception.GetType().Name);
            }
            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} to endpoint {EndpointId}: {Outcome} ({StatusCode}) in {LatencyMs} ms, dead-lettered: {DeadLettered}")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, Guid endpointId, string outcome, int? statusCode, double latencyMs, bool deadLettered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} ended attempts could not be recorded ({Error}); their deliveries are sent again when their leases run out")]
    private static partial void LogBatchDropped(ILogger logger, int count, string error);
}
