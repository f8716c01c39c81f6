using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore.Privacy;

/// <summary>A subject's personal data cannot be written any more: the subject was erased.</summary>
public sealed class SubjectErasedException() : Exception("A person whose data this change holds has been erased; their data cannot be recorded again.");

/// <summary>
/// The data keys of this store's subjects: created when a subject first appears in an append
/// (stored wrapped by the current master key, in the same round trip as the append), unwrapped on
/// read, destroyed by erasure. The unwrapped keys last created or read are cached (a bounded number,
/// see <see cref="DataKeyCache{TId}"/>); an erasure anywhere drops them from every process's cache
/// at once (LISTEN), and a process that was not listening drops them all.
/// </summary>
public sealed class SubjectKeys(NpgsqlDataSource dataSource, MasterKeyRing? masterKeys)
{
    // Adds new data keys, unless a subject was erased. The upsert locks each subject's row and
    // re-checks it at its latest version, so an erasure committing meanwhile is seen, never
    // overtaken; an erased subject gets no row back, its key's subject_id is then null, and the
    // not-null violation takes the statement and the append it travels with down.
    private const string AddSql = """
        with alive as (
            insert into data_subjects (subject_id) select distinct unnest($2::text[])
            on conflict (subject_id) do update set subject_id = excluded.subject_id
            where data_subjects.erased_at is null
            returning subject_id)
        insert into subject_keys (key_id, subject_id, master_key_id, wrapped_key)
        select k.key_id, (select alive.subject_id from alive where alive.subject_id = k.subject_id), $4, k.wrapped
        from unnest($1::uuid[], $2::text[], $3::bytea[]) as k(key_id, subject_id, wrapped)
        """;

    /// <summary>Whether <paramref name="error"/> is the refusal of <see cref="AddSql"/> to give an erased subject a key.</summary>
    internal static bool IsErasedSubject(PostgresException error) =>
        error is { SqlState: PostgresErrorCodes.NotNullViolation, TableName: "subject_keys", ColumnName: "subject_id" };

    private const string ReadSql = "select key_id, subject_id, master_key_id, wrapped_key from subject_keys where key_id = any($1)";

    // Enough for the subjects of the last few thousand appends and reads; see DataKeyCache.
    private const int CachedKeys = 10_000;

    private readonly DataKeyCache<string> bySubject = new(CachedKeys);
    private readonly DataKeyCache<Guid> byId = new(CachedKeys);

    // Moves on every Forget: a key read or created before an erasure is not cached after it.
    private long erasures;

    /// <summary>Taken before fetching or creating keys; <see cref="Remember"/> caches them only if no erasure came since.</summary>
    internal long Epoch => Interlocked.Read(ref erasures);

    private MasterKeyRing MasterKeys => masterKeys ?? throw new InvalidOperationException(
        "This event holds personal data, and no master key is configured to protect it (EventStore:MasterKeys).");

    /// <summary>
    /// A key for each subject: the cached one, or a new one. New keys are not stored yet: the
    /// append adds <see cref="NewKeysCommand"/> to its own round trip and calls <see cref="Remember"/> once committed.
    /// </summary>
    internal (Dictionary<string, DataKey> Keys, List<DataKey> Created) ForWriting(IReadOnlyList<string> subjects)
    {
        var keys = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        var created = new List<DataKey>();
        foreach (var subject in subjects)
        {
            if (!bySubject.TryGet(subject, out var key))
            {
                created.Add(key = MasterKeyRing.NewDataKey(subject));
            }
            keys[subject] = key;
        }
        return (keys, created);
    }

    internal NpgsqlBatchCommand NewKeysCommand(IReadOnlyList<DataKey> created)
    {
        var ring = MasterKeys;
        return new NpgsqlBatchCommand(AddSql)
        {
            Parameters =
            {
                new() { Value = created.Select(k => k.KeyId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = created.Select(k => k.SubjectId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = created.Select(k => ring.Wrap(k.KeyId, k.SubjectId, k.Key)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new() { Value = ring.CurrentKeyId, NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
    }

    internal void Remember(IEnumerable<DataKey> created, long epoch)
    {
        if (epoch != Epoch)
        {
            return;
        }
        foreach (var key in created)
        {
            byId.Add(key.KeyId, key);
            bySubject.Add(key.SubjectId, key);
        }
    }

    /// <summary>The keys that still exist among <paramref name="keyIds"/>; a missing one was erased.</summary>
    internal async Task<IReadOnlyDictionary<Guid, DataKey>> ForReadingAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, DataKey>();
        var missing = new List<Guid>();
        var epoch = Epoch;
        foreach (var id in keyIds)
        {
            if (byId.TryGet(id, out var key))
            {
                found[id] = key;
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new() { Value = missing.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (id, subject) = (reader.GetGuid(0), reader.GetString(1));
            found[id] = new DataKey(id, subject, MasterKeys.Unwrap(reader.GetString(2), id, subject, reader.GetFieldValue<byte[]>(3)));
        }
        // Read before an erasure that has happened since: usable for this read, never cached.
        if (epoch == Epoch)
        {
            foreach (var (id, key) in found)
            {
                byId.Add(id, key);
            }
        }
        return found;
    }

    /// <summary>
    /// Destroys the subject's keys and marks it erased, on the caller's transaction (the one that
    /// appends its <c>SubjectErased</c> event), and tells every process to forget them on commit.
    /// </summary>
    internal static async Task EraseAsync(NpgsqlConnection connection, string subjectId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    insert into data_subjects (subject_id, erased_at) values ($1, now())
                    on conflict (subject_id) do update set erased_at = coalesce(data_subjects.erased_at, excluded.erased_at)
                    """) { Parameters = { new() { Value = subjectId, NpgsqlDbType = NpgsqlDbType.Text } } },
                new("delete from subject_keys where subject_id = $1") { Parameters = { new() { Value = subjectId, NpgsqlDbType = NpgsqlDbType.Text } } },
                new($"select pg_notify('{EventStoreSchema.ErasedChannel}', $1)") { Parameters = { new() { Value = subjectId, NpgsqlDbType = NpgsqlDbType.Text } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A deleted row stays in the table's pages until vacuumed: vacuum now (best effort: a snapshot
    /// older than the erasure still open elsewhere keeps it until autovacuum), so the erased subject's
    /// wrapped key does not wait. (Copies in the write-ahead log and in backups stay
    /// until those expire; they are wrapped by the master key, so rotating it after erasures and
    /// destroying the old one makes them useless.)
    /// </summary>
    internal static async Task VacuumAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await using var vacuum = dataSource.CreateCommand("vacuum subject_keys");
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // Best effort: the erasure itself has committed; autovacuum will get to the row.
        }
    }

    /// <summary>Forgets a subject's keys (erased), or every key when <paramref name="subjectId"/> is null (erasures may have been missed).</summary>
    public void Forget(string? subjectId)
    {
        Interlocked.Increment(ref erasures);
        if (subjectId is null)
        {
            bySubject.Clear();
            byId.Clear();
            return;
        }
        bySubject.RemoveSubject(subjectId);
        byId.RemoveSubject(subjectId);
    }

    /// <summary>
    /// Rewraps every data key not wrapped by the current master key with it, in batches; events are
    /// never touched. Returns how many keys were rewrapped. Old master keys can be removed from
    /// configuration once this returns 0 everywhere.
    /// </summary>
    public async Task<int> RewrapAsync(CancellationToken cancellationToken = default)
    {
        var ring = MasterKeys;
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var batch = new List<(Guid Id, string Subject, byte[] Wrapped)>();
            await using (var select = new NpgsqlCommand("""
                select key_id, subject_id, master_key_id, wrapped_key from subject_keys
                where master_key_id <> $1 order by key_id limit 1000 for update skip locked
                """, connection))
            {
                select.Parameters.Add(new() { Value = ring.CurrentKeyId, NpgsqlDbType = NpgsqlDbType.Text });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (id, subject) = (reader.GetGuid(0), reader.GetString(1));
                    var key = ring.Unwrap(reader.GetString(2), id, subject, reader.GetFieldValue<byte[]>(3));
                    batch.Add((id, subject, ring.Wrap(id, subject, key)));
                }
            }
            if (batch.Count == 0)
            {
                return total;
            }
            await using (var update = new NpgsqlCommand("""
                update subject_keys as k set master_key_id = $1, wrapped_key = r.wrapped
                from unnest($2::uuid[], $3::bytea[]) as r(key_id, wrapped) where k.key_id = r.key_id
                """, connection))
            {
                update.Parameters.Add(new() { Value = ring.CurrentKeyId, NpgsqlDbType = NpgsqlDbType.Text });
                update.Parameters.Add(new() { Value = batch.Select(b => b.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                update.Parameters.Add(new() { Value = batch.Select(b => b.Wrapped).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            total += batch.Count;
        }
    }
}
