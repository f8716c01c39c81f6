using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Platform.EventStore.Types;

namespace Platform.EventStore;

public sealed partial class EventStore
{
    // One prepared statement, one round trip. The unique indexes do the checking: (stream_id,
    // stream_version) stops a stale or concurrent append, (event_id) a repeated one. An expected
    // version the stream does not have (an append that would leave a gap) leaves the head without a
    // hash, so the last event's hash is null and hash's NOT NULL stops it; in a caller's transaction,
    // whose own work an error would abort, it inserts nothing instead. Whichever stops it,
    // DiagnoseAsync then tells which it was. The same row is the head the append chains to: its
    // hash goes into the hash of the append's last event (EventHash.Chain, byte for byte), so the
    // chain costs no extra round trip. That hash's input ends with the suffix (the recorded-at time
    // in microseconds, big-endian, and the head's hash); the client sends the start (domain ‖ link),
    // so the append costs the server one SHA-256.
    private static string Head(bool inCallersTransaction) => $"""
        select int8send((extract(epoch from now()) * 1000000)::bigint) || case when $2 = 0 then ''::bytea else previous.hash end as suffix
        from (select) as one
        left join events as previous on previous.stream_id = $1 and previous.stream_version = $2
        {(inCallersTransaction ? "where $2 = 0 or previous.stream_id is not null" : "")}
        """;

    private static readonly string AppendOneSql = $"""
        insert into events (stream_id, stream_version, event_id, event_type, data, metadata, hash)
        select $1, $2 + 1, $3, $4, $5, $6, sha256($7 || head.suffix)
        from ({Head(inCallersTransaction: false)}) as head
        returning global_position, stream_version
        """;

    // Every event but the last stores its link as sent ($7, the links already chain the append's
    // events to each other); $7 is one shorter than the other arrays, so unnest pads it with a null
    // for the last event, whose hash is the one SHA-256 of the append: the chain step to the head.
    // In a caller's transaction a unique violation would abort the caller's own work too, so a
    // repeated append is recognised before inserting and answered as a no-op instead.
    private static string AppendMany(bool inCallersTransaction, string returning) => $"""
        insert into events (stream_id, stream_version, event_id, event_type, data, metadata, hash)
        select $1, $2 + e.ordinal, e.id, e.type, e.data, $6, coalesce(e.link, sha256($8 || head.suffix))
        from ({Head(inCallersTransaction)}) as head
        cross join unnest($3::uuid[], $4::text[], $5::json[], $7::bytea[]) with ordinality as e(id, type, data, link, ordinal)
        {(inCallersTransaction ? "where not exists (select from events where event_id = any($3))" : "")}
        returning {returning}
        """;

    private const string AppendedRows = "global_position, stream_version";

    private static readonly string AppendManySql = AppendMany(inCallersTransaction: false, AppendedRows);

    // Without inline projections nobody needs the rows back: one summary row instead of one per event.
    private static readonly string AppendManySummarizedSql =
        $"with appended as ({AppendMany(inCallersTransaction: false, "global_position")}) select max(global_position) from appended";

    private static readonly string AppendInCallersTransactionSql = AppendMany(inCallersTransaction: true, AppendedRows);

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

    /// <summary>
    /// Erases a subject's personal data everywhere in this store: appends <see cref="SubjectErased"/>
    /// to <paramref name="streamId"/> (the stream the request went through, a case say) and destroys
    /// the subject's data keys, in one transaction. Events stay as they are (their hash chain still
    /// verifies); their fields of this subject read as <see cref="PersonalData.ErasedMarker"/> from
    /// then on, and new personal data of the subject is refused. <paramref name="reason"/> is kept
    /// in the log: it must not hold personal data itself.
    /// </summary>
    public Task<AppendResult> EraseSubjectAsync(
        Guid subjectId, string streamId, ExpectedVersion expected, string reason, EventMetadata metadata,
        CancellationToken cancellationToken = default) =>
        // The form sealing writes Guid subjects in: any other spelling would match no key.
        EraseSubjectAsync(subjectId.ToString("D"), streamId, expected, reason, metadata, cancellationToken);

    /// <summary>Erases a subject identified by a string (see the Guid overload for subjects that are Guids).</summary>
    public async Task<AppendResult> EraseSubjectAsync(
        string subjectId, string streamId, ExpectedVersion expected, string reason, EventMetadata metadata,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var result = await InTransactionAsync(async (transaction, token) =>
        {
            var appended = await transaction.AppendAsync(
                streamId, expected, [EventToAppend.New(new SubjectErased(subjectId, reason, metadata.OccurredAt))], metadata, token);
            await SubjectKeys.EraseAsync(transaction.Connection, subjectId, token);
            return appended;
        }, cancellationToken);
        subjectKeys.Forget(subjectId);
        await SubjectKeys.VacuumAsync(dataSource, cancellationToken);
        return result;
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
        string[] names = [.. events.Select(e => types.NameOf(e.Data.GetType()))];
        var epoch = subjectKeys.Epoch;
        var (data, createdKeys) = Seal(events);
        var prepared = new PreparedAppend(
            streamId, expected,
            [.. events.Select(e => e.EventId)],
            names,
            [.. events.Select(e => e.Data)],
            data,
            MetadataJson.Serialize(stamped),
            createdKeys);

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
                    if (connection is not null)
                    {
                        return await AppendOnAsync(connection, callersTransaction: true, prepared, version, cancellationToken);
                    }
                    var result = await AppendOwnTransactionAsync(prepared, version, cancellationToken);
                    // Committed: the new data keys exist now. (In a caller's transaction they are
                    // simply not cached; the next append creates another key for the subject.)
                    subjectKeys.Remember(createdKeys, epoch);
                    return result;
                }
                catch (PostgresException erased) when (SubjectKeys.IsErasedSubject(erased))
                {
                    throw new SubjectErasedException();
                }
                catch (PostgresException conflict) when (conflict.SqlState == PostgresErrorCodes.UniqueViolation || IsMissingHead(conflict))
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

    private async Task<AppendResult> AppendOwnTransactionAsync(PreparedAppend prepared, long version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // No BEGIN or COMMIT: one batch is one implicit transaction, so the append, new data keys
        // and the inline projections' statements commit together in one round trip, or not at all.
        return await AppendOnAsync(connection, callersTransaction: false, prepared, version, cancellationToken);
    }

    /// <summary>The expected version's row is missing: see <see cref="Head"/>.</summary>
    private static bool IsMissingHead(PostgresException exception) =>
        exception is { SqlState: PostgresErrorCodes.NotNullViolation, TableName: "events", ColumnName: "hash" };

    private async Task<AppendResult> AppendOnAsync(
        NpgsqlConnection connection, bool callersTransaction, PreparedAppend prepared, long version, CancellationToken cancellationToken)
    {
        var one = prepared.EventIds.Length == 1 && !callersTransaction;
        var summarized = !one && !callersTransaction && inline.Length == 0;
        var command = new NpgsqlBatchCommand(
            one ? AppendOneSql : callersTransaction ? AppendInCallersTransactionSql : summarized ? AppendManySummarizedSql : AppendManySql);
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
        var (links, lastPrefix) = ChainLinks(prepared, version);
        if (!one)
        {
            command.Parameters.Add(new() { Value = links, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        }
        command.Parameters.Add(new() { Value = lastPrefix, NpgsqlDbType = NpgsqlDbType.Bytea });
        // New subjects' data keys travel in the same round trip, after the append (nothing may be
        // written before it: its transaction id orders the log). Their insert fails if a subject
        // was erased meanwhile, and takes the append down with it.
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { command } };
        if (prepared.CreatedKeys.Count > 0)
        {
            batch.BatchCommands.Add(subjectKeys.NewKeysCommand(prepared.CreatedKeys));
        }
        // Outside a caller's transaction the projections' statements share the append's implicit
        // transaction: an append that stores nothing fails, and they go with it. A caller's
        // transaction goes on after a repeated append (a no-op), so there they follow only once the
        // append is known to have stored its events.
        if (!callersTransaction)
        {
            AddProjectionChanges(batch, prepared, version);
        }
        // Prepared once per physical connection (Npgsql keeps it across pool reuse): parsing and
        // planning were half of the server's work per append when sent as plain text.
        await batch.PrepareAsync(cancellationToken);

        var (lastVersion, lastPosition) = (0L, (long?)null);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    continue;
                }
                // The summarized form returns only the last position; the others a row per event.
                var streamVersion = summarized ? version + prepared.EventIds.Length : reader.GetInt64(1);
                if (streamVersion > lastVersion)
                {
                    (lastVersion, lastPosition) = (streamVersion, reader.GetInt64(0));
                }
            }
            // Surfaces a failed key insert or projection statement here, not when the reader is disposed.
            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }
        if (lastPosition is not { } position)
        {
            return await DiagnoseAsync(prepared, connection, cancellationToken);
        }
        if (callersTransaction)
        {
            await using var projections = new NpgsqlBatch(connection);
            AddProjectionChanges(projections, prepared, version);
            if (projections.BatchCommands.Count > 0)
            {
                await projections.PrepareAsync(cancellationToken);
                await projections.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        return new AppendResult(lastVersion, position, AlreadyAppended: false);
    }

    private void AddProjectionChanges(NpgsqlBatch batch, PreparedAppend prepared, long version)
    {
        if (inline.Length == 0)
        {
            return;
        }
        var appending = prepared.Appending(version).ToList();
        foreach (var projection in inline)
        {
            var relevant = appending.Where(e => projection.AppliesTo(e.EventType)).ToList();
            if (relevant.Count > 0)
            {
                foreach (var change in projection.Changes(relevant))
                {
                    batch.BatchCommands.Add(change);
                }
            }
        }
    }

    /// <summary>
    /// The <see cref="EventHash.Link"/> of every event but the last, in order (their stored hashes),
    /// and the last one's chain prefix (the chain step's domain and its link).
    /// </summary>
    private static (byte[][] Links, byte[] LastPrefix) ChainLinks(PreparedAppend prepared, long version)
    {
        using var hash = new EventHash();
        var metadata = hash.Metadata(prepared.Metadata);
        var links = new byte[prepared.EventIds.Length - 1][];
        byte[]? link = null;
        for (var i = 0; i < prepared.EventIds.Length; i++)
        {
            link = hash.Link(prepared.StreamId, version + i + 1, prepared.EventIds[i], prepared.Types[i], prepared.Data[i], metadata, link);
            if (i < links.Length)
            {
                links[i] = link;
            }
        }
        return (links, EventHash.ChainPrefix(link!));
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

    /// <summary>
    /// The events' JSON as stored: personal fields sealed with their subjects' data keys (created
    /// here for subjects this process has no key for yet; stored with the append).
    /// </summary>
    private (string[] Data, List<DataKey> CreatedKeys) Seal(IReadOnlyList<EventToAppend> events)
    {
        var plans = events.Select(e => types.Codec.PlanSeal(e.Data)).ToArray();
        var subjects = plans.OfType<SealingPlan>().SelectMany(plan => plan.Subjects).Distinct(StringComparer.Ordinal).ToList();
        var (keys, created) = subjects.Count == 0 ? ([], []) : subjectKeys.ForWriting(subjects);
        var data = new string[events.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = plans[i]?.Seal(keys) ?? EventTypeRegistry.Serialize(events[i].Data);
        }
        return (data, created);
    }

    private sealed record PreparedAppend(
        string StreamId, ExpectedVersion Expected, Guid[] EventIds, string[] Types, object[] Events, string[] Data, string Metadata,
        IReadOnlyList<DataKey> CreatedKeys)
    {
        /// <summary>The events as inline projections see them, appended after <paramref name="version"/>.</summary>
        public IEnumerable<AppendingEvent> Appending(long version) =>
            EventIds.Select((id, index) => new AppendingEvent(StreamId, version + index + 1, id, Types[index], Events[index]));
    }
}
