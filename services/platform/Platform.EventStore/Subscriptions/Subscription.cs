using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Subscriptions;

/// <summary>
/// One named reader of the global log with a durable checkpoint. Exactly one process runs it at a
/// time: the holder of a session advisory lock, which PostgreSQL releases when that session ends
/// (the process died, the connection broke), so a standby blocked on the lock takes over at once.
/// The checkpoint is written on the lock's own connection, so a process that lost the lock can
/// never write one.
/// </summary>
public sealed partial class Subscription(
    EventStore store, LogWatcher watcher, SubscriptionOptions options, ISubscriptionHandler handler,
    ILogger<Subscription> logger, TimeProvider time)
{
    public string Name => options.Name;

    public SubscriptionStatus Status { get; private set; } = SubscriptionStatus.Starting;

    public string? Failure { get; private set; }

    public LogPosition Checkpoint { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = options.FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunSessionAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                Status = SubscriptionStatus.Standby;
                Failure = exception.Message;
                LogSessionLost(logger, Name, delay.TotalSeconds, exception.Message);
                await DelayAsync(delay, cancellationToken);
                delay = Longer(delay);
            }
        }
        Status = SubscriptionStatus.Stopped;
    }

    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        await using var session = await store.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // The planner rates the log read's custom plans cheaper than its generic one, so the prepared
            // read was planned anew on every call: most of PostgreSQL's planning per report in the intake
            // bench (pg_stat_statements). Both plans are the same index range scan; take the generic one.
            await using (var generic = new NpgsqlCommand("set plan_cache_mode = force_generic_plan", session))
            {
                await generic.ExecuteNonQueryAsync(cancellationToken);
            }
            await RunHoldingLockAsync(session, cancellationToken);
        }
        finally
        {
            // The lock and the setting are the session's: end them, or the pooled connection would keep them for its next user.
            await SessionState.EndAsync(session);
        }
    }

    private async Task RunHoldingLockAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        Status = SubscriptionStatus.Standby;
        await using (var takeLock = new NpgsqlCommand("select pg_advisory_lock(hashtextextended('subscription:' || $1, 0))", session))
        {
            takeLock.Parameters.Add(new() { Value = Name, NpgsqlDbType = NpgsqlDbType.Text });
            takeLock.CommandTimeout = 0;
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }
        var (checkpoint, parked, failure) = await LoadAsync(session, cancellationToken);
        Checkpoint = checkpoint;
        Status = parked ? SubscriptionStatus.Parked : SubscriptionStatus.Active;
        Failure = failure;
        LogActive(logger, Name, Checkpoint);

        var heldBackWait = LogWatcher.FirstHeldBackWait;
        while (!cancellationToken.IsCancellationRequested)
        {
            var seen = watcher.Version;
            if (Status == SubscriptionStatus.Parked)
            {
                await watcher.WaitAsync(seen, timeout: null, cancellationToken);
                (Checkpoint, parked, Failure) = await LoadAsync(session, cancellationToken);
                Status = parked ? SubscriptionStatus.Parked : SubscriptionStatus.Active;
                continue;
            }

            var page = await store.ReadLogAsync(session, Checkpoint, options.BatchSize, options.OpensPersonalData, cancellationToken);
            if (page.Events.Count > 0)
            {
                await HandleWithRetriesAsync(session, page.Events, cancellationToken);
                heldBackWait = LogWatcher.FirstHeldBackWait;
            }
            else if (page.HeldBack)
            {
                heldBackWait = await watcher.WaitHeldBackAsync(seen, heldBackWait, cancellationToken);
            }
            else
            {
                await watcher.WaitAsync(seen, timeout: null, cancellationToken);
            }
        }
    }

    private async Task HandleWithRetriesAsync(NpgsqlConnection session, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = handler.WritesToDatabase ? await session.BeginTransactionAsync(cancellationToken) : null;
                await handler.HandleAsync(events, session, cancellationToken);
                // A handled batch is committed even when a stop arrives now: a graceful stop hands over
                // exactly where it left off instead of making the standby redo the batch.
                if (!await MoveCheckpointAsync(session, Checkpoint, events[^1].Position, CancellationToken.None))
                {
                    // Someone else moved it (a projection rebuild swapped in): drop this batch and go on from theirs.
                    if (transaction is not null)
                    {
                        await transaction.RollbackAsync(CancellationToken.None);
                    }
                    (Checkpoint, _, _) = await LoadAsync(session, cancellationToken);
                    return;
                }
                if (transaction is not null)
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }
                Checkpoint = events[^1].Position;
                if (Status != SubscriptionStatus.Active)
                {
                    LogRecovered(logger, Name, attempt);
                }
                Status = SubscriptionStatus.Active;
                Failure = null;
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && session.FullState == ConnectionState.Open)
            {
                Status = SubscriptionStatus.Retrying;
                Failure = $"{exception.GetType().Name} at {events[0].Position}: {exception.Message}";
                LogRetrying(logger, exception, Name, attempt, events[0].Position);
                if (options.ParkAfterAttempts is { } limit && attempt >= limit)
                {
                    await ParkAsync(session, cancellationToken);
                    return;
                }
                await DelayAsync(delay, cancellationToken);
                delay = Longer(delay);
            }
        }
    }

    private async Task ParkAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using var park = new NpgsqlCommand(
            "update subscriptions set status = 'parked', failure = $2, updated_at = now() where name = $1", session);
        park.Parameters.Add(new() { Value = Name, NpgsqlDbType = NpgsqlDbType.Text });
        park.Parameters.Add(new() { Value = Failure ?? "unknown", NpgsqlDbType = NpgsqlDbType.Text });
        await park.ExecuteNonQueryAsync(cancellationToken);
        Status = SubscriptionStatus.Parked;
        LogParked(logger, Name, Checkpoint, Failure);
    }

    private async Task<(LogPosition Checkpoint, bool Parked, string? Failure)> LoadAsync(NpgsqlConnection session, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("insert into subscriptions (name) values ($1) on conflict (name) do nothing", session))
        {
            create.Parameters.Add(new() { Value = Name, NpgsqlDbType = NpgsqlDbType.Text });
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var load = new NpgsqlCommand(
            "select transaction_id, global_position, status, failure from subscriptions where name = $1", session);
        load.Parameters.Add(new() { Value = Name, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await load.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (
            new LogPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)),
            reader.GetString(2) == "parked",
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private async Task<bool> MoveCheckpointAsync(NpgsqlConnection session, LogPosition from, LogPosition to, CancellationToken cancellationToken)
    {
        await using var move = new NpgsqlCommand("""
            update subscriptions set transaction_id = $2, global_position = $3, updated_at = now()
            where name = $1 and transaction_id = $4 and global_position = $5
            """, session);
        move.Parameters.Add(new() { Value = Name, NpgsqlDbType = NpgsqlDbType.Text });
        move.Parameters.Add(new() { Value = to.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        move.Parameters.Add(new() { Value = to.GlobalPosition, NpgsqlDbType = NpgsqlDbType.Bigint });
        move.Parameters.Add(new() { Value = from.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        move.Parameters.Add(new() { Value = from.GlobalPosition, NpgsqlDbType = NpgsqlDbType.Bigint });
        await move.PrepareAsync(cancellationToken);
        return await move.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private TimeSpan Longer(TimeSpan delay) => Backoff.Next(delay, options.MaxRetryDelay);

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        // Jitter spreads retries of many subscriptions after a shared outage.
        var jittered = delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
        await Task.Delay(jittered, time, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {Name} is active from {Checkpoint}")]
    private static partial void LogActive(ILogger logger, string name, LogPosition checkpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Name} failed attempt {Attempt} at {Position}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string name, int attempt, LogPosition position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {Name} recovered after {Attempts} attempts")]
    private static partial void LogRecovered(ILogger logger, string name, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Name} is parked at {Checkpoint}: {Failure}. Resume it once the cause is fixed.")]
    private static partial void LogParked(ILogger logger, string name, LogPosition checkpoint, string? failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Name} lost its session, reconnecting in {Seconds}s: {Reason}")]
    private static partial void LogSessionLost(ILogger logger, string name, double seconds, string reason);
}
