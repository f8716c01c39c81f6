using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore.Integrity;

/// <summary>Takes and reads the signed checkpoints of one store.</summary>
public static class Checkpoints
{
    // One writer at a time across instances: sequences stay contiguous and chained.
    private const long LockKey = 0x636b_7074_7369_676e;

    private const string Columns =
        "sequence, horizon, global_position, event_count, stream_count, heads_root, previous_digest, created_at, key_id, signature";

    // Everything between the previous horizon and the new one: those transactions have all ended,
    // so this set of events can never change again (short of tampering, which is the point).
    private const string DeltaSql = """
        with delta as (
            select stream_id, stream_version, hash, global_position from events
            where transaction_id >= $1 and transaction_id < $2)
        select null::text, count(*), max(global_position), null::bytea from delta
        union all
        select * from (
            select distinct on (stream_id) stream_id, stream_version, null::bigint, hash from delta
            order by stream_id, stream_version desc) as heads
        """;

    /// <summary>
    /// Signs a checkpoint of everything committed since the previous one. Returns the latest
    /// checkpoint unchanged when nothing new has committed since (or null if there is none yet).
    /// </summary>
    public static async Task<Checkpoint?> TakeAsync(
        NpgsqlDataSource dataSource, CheckpointKeys keys, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({LockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        var previous = await LatestAsync(connection, cancellationToken);
        ulong horizon;
        await using (var horizonCommand = new NpgsqlCommand("select pg_snapshot_xmin(pg_current_snapshot())", connection))
        {
            horizon = (ulong)(await horizonCommand.ExecuteScalarAsync(cancellationToken))!;
        }

        var heads = new List<StreamHead>();
        var (count, position) = (0L, previous?.GlobalPosition ?? 0);
        await using (var delta = new NpgsqlCommand(DeltaSql, connection))
        {
            delta.Parameters.Add(new() { Value = previous?.Horizon ?? 0UL, NpgsqlDbType = NpgsqlDbType.Xid8 });
            delta.Parameters.Add(new() { Value = horizon, NpgsqlDbType = NpgsqlDbType.Xid8 });
            await using var reader = await delta.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    count = reader.GetInt64(1);
                    position = reader.IsDBNull(2) ? position : reader.GetInt64(2);
                    continue;
                }
                heads.Add(new StreamHead(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(3)));
            }
        }
        if (count == 0)
        {
            return previous;
        }

        heads.Sort(MerkleTree.Compare);
        var now = time.GetUtcNow();
        var unsigned = new Checkpoint(
            (previous?.Sequence ?? 0) + 1, horizon, position, (previous?.EventCount ?? 0) + count, heads.Count,
            MerkleTree.Root(heads), previous?.Digest(),
            // Microseconds, as PostgreSQL keeps it: the signed bytes must read back the same.
            now.AddTicks(-(now.Ticks % 10)), keys.SigningKeyId!, []);
        var checkpoint = unsigned with { Signature = keys.Sign(unsigned.SignedBytes()) };

        await using (var insert = new NpgsqlCommand($"""
            insert into integrity_checkpoints ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
            """, connection))
        {
            insert.Parameters.Add(new() { Value = checkpoint.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = checkpoint.Horizon, NpgsqlDbType = NpgsqlDbType.Xid8 });
            insert.Parameters.Add(new() { Value = checkpoint.GlobalPosition, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = checkpoint.EventCount, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = checkpoint.StreamCount, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = checkpoint.HeadsRoot, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new() { Value = (object?)checkpoint.PreviousDigest ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new() { Value = checkpoint.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new() { Value = checkpoint.KeyId, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = checkpoint.Signature, NpgsqlDbType = NpgsqlDbType.Bytea });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insertHeads = new NpgsqlCommand("""
            insert into integrity_checkpoint_heads (checkpoint, stream_id, stream_version, hash)
            select $1, h.stream_id, h.stream_version, h.hash from unnest($2::text[], $3::bigint[], $4::bytea[]) as h(stream_id, stream_version, hash)
            """, connection))
        {
            insertHeads.Parameters.Add(new() { Value = checkpoint.Sequence, NpgsqlDbType = NpgsqlDbType.Bigint });
            insertHeads.Parameters.Add(new() { Value = heads.Select(h => h.StreamId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insertHeads.Parameters.Add(new() { Value = heads.Select(h => h.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            insertHeads.Parameters.Add(new() { Value = heads.Select(h => h.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            await insertHeads.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return checkpoint;
    }

    public static async Task<IReadOnlyList<Checkpoint>> ReadAllAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {Columns} from integrity_checkpoints order by sequence", connection);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The heads every checkpoint recorded (the streams that changed since the one before), per
    /// checkpoint, each list sorted for its Merkle root: one ordered read, however many checkpoints.
    /// </summary>
    public static async Task<Dictionary<long, List<StreamHead>>> AllHeadsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select checkpoint, stream_id, stream_version, hash from integrity_checkpoint_heads order by checkpoint", connection);
        var heads = new Dictionary<long, List<StreamHead>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (!heads.TryGetValue(sequence, out var list))
            {
                heads[sequence] = list = [];
            }
            list.Add(new StreamHead(reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
        }
        foreach (var list in heads.Values)
        {
            list.Sort(MerkleTree.Compare);
        }
        return heads;
    }

    private static async Task<Checkpoint?> LatestAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {Columns} from integrity_checkpoints order by sequence desc limit 1", connection);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<Checkpoint>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var checkpoints = new List<Checkpoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new Checkpoint(
                reader.GetInt64(0), reader.GetFieldValue<ulong>(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetFieldValue<byte[]>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8), reader.GetFieldValue<byte[]>(9)));
        }
        return checkpoints;
    }
}
