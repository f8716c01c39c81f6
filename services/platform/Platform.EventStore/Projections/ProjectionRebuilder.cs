using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Subscriptions;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Projections;

/// <summary>How far a rebuild is: events done of the log's events, the rate, and the time left at that rate.</summary>
public sealed record RebuildProgress(string Projection, long EventsDone, long EventsTotal, double EventsPerSecond, TimeSpan? TimeLeft, bool Swapped);

/// <summary>
/// Rebuilds an asynchronous projection from the start of the log into fresh tables while the live
/// ones keep serving and updating. Once the fresh tables have caught up, one transaction pauses the
/// live projection (a lock on its tables), applies the last events, swaps the tables in and hands
/// the live subscription the rebuilt checkpoint. Readers never see a half-built model.
/// </summary>
public sealed class ProjectionRebuilder(EventStore store, LogWatcher watcher)
{
    public async Task<RebuildProgress> RebuildAsync(
        IProjection projection, IProgress<RebuildProgress>? progress = null, int batchSize = 5000,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await TakeRebuildLockAsync(connection, projection, cancellationToken);
            return await RebuildHoldingLockAsync(connection, projection, progress, batchSize, cancellationToken);
        }
        finally
        {
            // The rebuild lock is the session's: end it before the pooled connection goes back.
            await SessionState.EndAsync(connection);
        }
    }

    private async Task<RebuildProgress> RebuildHoldingLockAsync(
        NpgsqlConnection connection, IProjection projection, IProgress<RebuildProgress>? progress, int batchSize,
        CancellationToken cancellationToken)
    {
        var fresh = ProjectionTables.Rebuild(projection);
        var live = ProjectionTables.Live(projection);

        var drop = string.Join(";", fresh.All.Select(table => $"drop table if exists \"{table.Physical}\""));
        await ExecuteAsync(connection, $"{drop};{projection.CreateTablesSql(fresh)}", cancellationToken);

        var clock = Stopwatch.StartNew();
        var total = await ScalarAsync<long>(connection, "select count(*) from events", cancellationToken);
        long done = 0;
        var position = LogPosition.Start;
        RebuildProgress Report(bool swapped)
        {
            total = Math.Max(total, done);
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : (TimeSpan?)null;
            var report = new RebuildProgress(projection.Name, done, total, rate, left, swapped);
            progress?.Report(report);
            return report;
        }

        // Catch up without blocking anyone: the live projection keeps running meanwhile.
        while (true)
        {
            var page = await store.ReadLogAsync(connection, position, batchSize, cancellationToken);
            if (page.Events.Count == 0)
            {
                if (!page.HeldBack)
                {
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
                continue;
            }
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                await projection.ApplyAsync(page.Events, fresh, connection, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            done += page.Events.Count;
            position = page.Events[^1].Position;
            Report(swapped: false);
        }

        // Swap: pause the live projection, apply what arrived meanwhile, hand over the checkpoint.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var liveNames = string.Join(", ", live.All.Select(table => $"\"{table.Physical}\""));
            await ExecuteAsync(connection, $"lock table {liveNames} in access exclusive mode", cancellationToken);
            while (true)
            {
                var page = await store.ReadLogAsync(connection, position, batchSize, cancellationToken);
                if (page.Events.Count == 0)
                {
                    // Events still held back sort after this checkpoint: the live subscription gets them.
                    break;
                }
                await projection.ApplyAsync(page.Events, fresh, connection, cancellationToken);
                done += page.Events.Count;
                position = page.Events[^1].Position;
            }
            await HandOverCheckpointAsync(connection, ProjectionSubscription.SubscriptionName(projection), position, cancellationToken);
            var swap = string.Join(";", live.All.Zip(fresh.All).Select(pair =>
                $"drop table \"{pair.First.Physical}\"; alter table \"{pair.Second.Physical}\" rename to \"{pair.First.Physical}\""));
            await ExecuteAsync(connection, swap, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        watcher.AppendEnded();
        return Report(swapped: true);
    }

    private static async Task TakeRebuildLockAsync(NpgsqlConnection connection, IProjection projection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended('projection-rebuild:' || $1, 0))", connection);
        command.Parameters.Add(new() { Value = projection.Name, NpgsqlDbType = NpgsqlDbType.Text });
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new InvalidOperationException($"Projection '{projection.Name}' is already being rebuilt.");
        }
    }

    /// <summary>Also un-parks it: a rebuild is how a projection fixed after a failure starts over.</summary>
    private static async Task HandOverCheckpointAsync(NpgsqlConnection connection, string subscription, LogPosition position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into subscriptions (name, transaction_id, global_position) values ($1, $2, $3)
            on conflict (name) do update
            set transaction_id = excluded.transaction_id, global_position = excluded.global_position,
                status = 'active', failure = null, updated_at = now()
            """, connection);
        command.Parameters.Add(new() { Value = subscription, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new() { Value = position.GlobalPosition, NpgsqlDbType = NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
