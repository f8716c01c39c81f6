using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Appending;
using Platform.EventStore.Types;

namespace Platform.EventStore;

public sealed partial class EventStore
{
    // One prepared statement, one round trip. The unique indexes do the checking: (stream_id,
    // stream_version) stops a stale or concurrent append, (event_id) a repeated one; the where
    // clause stops an append that would leave a gap (its expected version does not exist yet).
    // Whichever stops it, DiagnoseAsync then tells which it was.
    private const string AppendOneSql = """
        insert into events (stream_id, stream_version, event_id, event_type, data, metadata)
        select $1, $2 + 1, $3, $4, $5, $6
        where $2 = 0 or exists (select from events where stream_id = $1 and stream_version = $2)
        returning global_position, transaction_id, recorded_at
        """;

    private const string AppendManySql = """
        insert into events (stream_id, stream_version, event_id, event_type, data, metadata)
        select $1, $2 + e.ordinal, e.id, e.type, e.data, $6
        from unnest($3::uuid[], $4::text[], $5::json[]) with ordinality as e(id, type, data, ordinal)
        where ($2 = 0 or exists (select from events where stream_id = $1 and stream_version = $2))
        /*guard*/
        returning global_position, transaction_id, recorded_at
        """;

    // In a caller's transaction a unique violation would abort the caller's own work too, so a
    // repeated append is recognised before inserting and answered as a no-op instead.
    private static readonly string AppendInCallersTransactionSql = AppendManySql.Replace(
        "/*guard*/", "and not exists (select from events where event_id = any($3))", StringComparison.Ordinal);

    private const string HeadVersionSql = "select coalesce(max(stream_version), 0) from events where stream_id = $1";

    private const string DiagnoseSql = """
        select coalesce((select max(stream_version) from events where stream_id = $1), 0),
               (select count(*) from events where event_id = any($2) and stream_id = $1),
               (select count(*) from events where event_id = any($2))
        """;

    // Each attempt loses only to a writer that succeeded, so N concurrent writers need at most N.
    private const int AnyVersionAttempts = 64;

    /// <summary>Appends in a transaction of its own (with the inline projections).</summary>
    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, EventMetadata metadata,
        CancellationToken cancellationToken = default) =>
        AppendAsync(streamId, expected, events, metadata, connection: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: its appends and its own writes on
    /// <see cref="EventStoreTransaction.Connection"/> commit together, or not at all if it throws.
    /// Subscribers are woken when the transaction has ended, not before.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<EventStoreTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(new EventStoreTransaction(this, connection), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            watcher.AppendEnded();
        }
    }

    internal async Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, EventMetadata metadata,
        NpgsqlConnection? connection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        if (events.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(events));
        }
        if (events.Select(e => e.EventId).Distinct().Count() != events.Count)
        {
            throw new ArgumentException("Each event of an append needs its own id.", nameof(events));
        }

        using var activity = Telemetry.StartActivity("eventstore.append");
        activity?.SetTag("platform.stream_id", streamId);
        activity?.SetTag("platform.event_count", events.Count);
        // The append's own span, when traced, so the forwarder's and consumers' spans hang under it.
        var stamped = activity is null ? metadata : metadata with { Traceparent = activity.Id };
        var prepared = new PreparedAppend(
            streamId, expected,
            [.. events.Select(e => e.EventId)],
            [.. events.Select(e => types.NameOf(e.Data.GetType()))],
            [.. events.Select(e => EventTypeRegistry.Serialize(e.Data))],
            MetadataJson.Serialize(stamped));

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // "Any" becomes the version the stream has now; a writer that gets in first makes us try again.
                    var version = expected == ExpectedVersion.Any
                        ? await HeadVersionAsync(connection, streamId, cancellationToken)
                        : expected.Value;
                    return connection is null
                        ? await AppendOwnTransactionAsync(prepared, version, events, stamped, cancellationToken)
                        : await AppendOnAsync(connection, callersTransaction: true, prepared, version, events, stamped, cancellationToken);
                }
                catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    if (connection is null && expected == ExpectedVersion.Any && attempt < AnyVersionAttempts
                        && conflict.ConstraintName == "events_stream_version_key")
                    {
                        // Another writer took the next version between our read and insert: try again at the
                        // new end, after a moment's jitter so a crowd of writers does not collide in step.
                        await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 10)), cancellationToken);
                        continue;
                    }
                    // Diagnosed on a fresh connection: a caller's transaction is aborted by the violation.
                    var diagnosis = await DiagnoseAsync(prepared, connection: null, cancellationToken);
                    if (connection is null)
                    {
                        return diagnosis;
                    }
                    throw new WrongExpectedVersionException(streamId, expected, diagnosis.StreamVersion);
                }
            }
        }
        finally
        {
            // Committed or not, a transaction of our own has ended: subscribers held behind it may
            // move on. In a caller's transaction, InTransactionAsync signals once it has ended.
            if (connection is null)
            {
                watcher.AppendEnded();
            }
        }
    }

    private async Task<long> HeadVersionAsync(NpgsqlConnection? connection, string streamId, CancellationToken cancellationToken)
    {
        await using var owned = connection is null ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        await using var command = new NpgsqlCommand(HeadVersionSql, connection ?? owned)
        {
            Parameters = { new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<AppendResult> AppendOwnTransactionAsync(
        PreparedAppend prepared, long version, IReadOnlyList<EventToAppend> events, EventMetadata metadata, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (inline.Length == 0)
        {
            // Autocommit: one statement is its own transaction, with no BEGIN/COMMIT round trips.
            return await AppendOnAsync(connection, callersTransaction: false, prepared, version, events, metadata, cancellationToken);
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await AppendOnAsync(connection, callersTransaction: false, prepared, version, events, metadata, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<AppendResult> AppendOnAsync(
        NpgsqlConnection connection, bool callersTransaction, PreparedAppend prepared, long version,
        IReadOnlyList<EventToAppend> events, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var one = events.Count == 1 && !callersTransaction;
        await using var command = new NpgsqlCommand(
            one ? AppendOneSql : callersTransaction ? AppendInCallersTransactionSql : AppendManySql, connection);
        command.Parameters.Add(new() { Value = prepared.StreamId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = version, NpgsqlDbType = NpgsqlDbType.Bigint });
        if (one)
        {
            command.Parameters.Add(new() { Value = prepared.EventIds[0], NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = prepared.Types[0], NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = prepared.Data[0], NpgsqlDbType = NpgsqlDbType.Json });
        }
        else
        {
            command.Parameters.Add(new() { Value = prepared.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = prepared.Types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = prepared.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json });
        }
        command.Parameters.Add(new() { Value = prepared.Metadata, NpgsqlDbType = NpgsqlDbType.Json });
        // Prepared once per physical connection (Npgsql keeps it across pool reuse): parsing and
        // planning were half of the server's work per append when sent as plain text.
        await command.PrepareAsync(cancellationToken);

        var appended = new List<RecordedEvent>(events.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = appended.Count;
                appended.Add(new RecordedEvent(
                    GlobalPosition: reader.GetInt64(0),
                    TransactionId: reader.GetFieldValue<ulong>(1),
                    StreamId: prepared.StreamId,
                    StreamVersion: version + index + 1,
                    EventId: prepared.EventIds[index],
                    EventType: prepared.Types[index],
                    Data: events[index].Data,
                    Metadata: metadata,
                    RecordedAt: reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        if (appended.Count == 0)
        {
            return await DiagnoseAsync(prepared, connection, cancellationToken);
        }

        foreach (var projection in inline)
        {
            var relevant = appended.Where(e => projection.AppliesTo(e.EventType)).ToList();
            if (relevant.Count > 0)
            {
                await projection.ApplyAsync(connection, relevant, cancellationToken);
            }
        }
        return new AppendResult(appended[^1].StreamVersion, appended[^1].GlobalPosition, AlreadyAppended: false);
    }

    /// <summary>Nothing was inserted: a retried append (a no-op), reused ids, or a version conflict.</summary>
    private async Task<AppendResult> DiagnoseAsync(PreparedAppend prepared, NpgsqlConnection? connection, CancellationToken cancellationToken)
    {
        await using var owned = connection is null ? await dataSource.OpenConnectionAsync(cancellationToken) : null;
        await using var command = new NpgsqlCommand(DiagnoseSql, connection ?? owned)
        {
            Parameters =
            {
                new() { Value = prepared.StreamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = prepared.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (version, inStream, anywhere) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));

        if (inStream == prepared.EventIds.Length)
        {
            return new AppendResult(version, LastGlobalPosition: null, AlreadyAppended: true);
        }
        if (anywhere > 0)
        {
            throw new DuplicateEventIdException(prepared.StreamId);
        }
        throw new WrongExpectedVersionException(prepared.StreamId, prepared.Expected, version);
    }

    private sealed record PreparedAppend(
        string StreamId, ExpectedVersion Expected, Guid[] EventIds, string[] Types, string[] Data, string Metadata);
}
