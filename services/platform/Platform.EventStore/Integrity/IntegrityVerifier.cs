using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore.Integrity;

/// <summary>
/// Verifies a store against what it wrote: every stream's hash chain recomputed from the stored
/// bytes, every checkpoint's signature (with trusted keys only), chain and Merkle root, and every
/// stream head the checkpoints recorded. Reads the store once, in stream order; names each broken
/// stream and version.
/// </summary>
public static class IntegrityVerifier
{
    private const string EventColumns =
        "stream_id, stream_version, event_id, event_type, data::text, metadata::text, recorded_at, hash";

    /// <summary>Verifies the whole store, reporting progress every 50,000 events.</summary>
    public static async Task<VerificationReport> VerifyAsync(
        NpgsqlDataSource dataSource, CheckpointKeys keys, IProgress<VerificationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the whole pass: appends made meanwhile are neither half-seen nor counted.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var breaks = new List<IntegrityBreak>();
        var (checkpoints, expectedHeads) = await VerifyCheckpointsAsync(connection, keys, breaks, cancellationToken);

        var total = 0L;
        if (progress is not null)
        {
            await using var count = new NpgsqlCommand("select count(*) from events", connection);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var read = new NpgsqlCommand($"select {EventColumns} from events order by stream_id, stream_version", connection);
        var (events, streams) = await WalkAsync(read, expectedHeads, breaks, (checkedEvents, checkedStreams) =>
            progress?.Report(new VerificationProgress(checkedEvents, Math.Max(total, checkedEvents), checkedStreams, checkedEvents / clock.Elapsed.TotalSeconds)),
            cancellationToken);

        // Streams a checkpoint recorded that are gone altogether.
        foreach (var (stream, head) in expectedHeads.Where(entry => !entry.Value.Seen))
        {
            breaks.Add(StreamDeleted(stream, head));
        }
        if (checkpoints.Count > 0)
        {
            await CheckEventCountAsync(connection, checkpoints[^1], breaks, cancellationToken);
        }
        progress?.Report(new VerificationProgress(events, Math.Max(total, events), streams, events / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));
        return new VerificationReport(events, streams, checkpoints.Count, (checkpoints.Count > 0 ? checkpoints[^1] : null), breaks, clock.Elapsed);
    }

    /// <summary>
    /// Verifies one stream (what a service shows an auditor for one case): its chain, and every
    /// checkpoint (chain, signature, recorded heads against the signed roots), so the head they
    /// last recorded for this stream is known to be the signed one.
    /// </summary>
    public static async Task<VerificationReport> VerifyStreamAsync(
        NpgsqlDataSource dataSource, CheckpointKeys keys, string streamId, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var breaks = new List<IntegrityBreak>();
        var (checkpoints, heads) = await VerifyCheckpointsAsync(connection, keys, breaks, cancellationToken);
        var expected = new Dictionary<string, ExpectedHead>(StringComparer.Ordinal);
        if (heads.TryGetValue(streamId, out var recorded))
        {
            expected[streamId] = recorded;
        }

        await using var read = new NpgsqlCommand($"select {EventColumns} from events where stream_id = $1 order by stream_version", connection);
        read.Parameters.Add(new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        var (events, streams) = await WalkAsync(read, expected, breaks, onProgress: null, cancellationToken);
        if (recorded is { Seen: false })
        {
            breaks.Add(StreamDeleted(streamId, recorded));
        }
        return new VerificationReport(events, streams, checkpoints.Count, checkpoints.Count > 0 ? checkpoints[^1] : null, breaks, clock.Elapsed);
    }

    private static IntegrityBreak StreamDeleted(string streamId, ExpectedHead head) =>
        new(streamId, 1, $"the whole stream was deleted (checkpoint {head.Checkpoint} recorded it at version {head.Version})");

    private sealed class ExpectedHead(long version, byte[] hash, long checkpoint)
    {
        public long Version => version;

        public byte[] Hash => hash;

        public long Checkpoint => checkpoint;

        public bool Seen { get; set; }
    }

    private static async Task<(IReadOnlyList<Checkpoint>, Dictionary<string, ExpectedHead>)> VerifyCheckpointsAsync(
        NpgsqlConnection connection, CheckpointKeys keys, List<IntegrityBreak> breaks, CancellationToken cancellationToken)
    {
        var checkpoints = await Checkpoints.ReadAllAsync(connection, cancellationToken);
        var recordedHeads = await Checkpoints.AllHeadsAsync(connection, cancellationToken);
        var heads = new Dictionary<string, ExpectedHead>(StringComparer.Ordinal);
        Checkpoint? previous = null;
        foreach (var checkpoint in checkpoints)
        {
            var reason =
                checkpoint.Sequence != (previous?.Sequence ?? 0) + 1 ? $"checkpoints {(previous?.Sequence ?? 0) + 1} to {checkpoint.Sequence - 1} are missing"
                : !checkpoint.IsWellFormed ? "its root or previous digest is not a SHA-256 value"
                : !ChainCheck.Matches(checkpoint.PreviousDigest, previous?.Digest()) ? "it does not chain to the checkpoint before it"
                : !keys.Verify(checkpoint.KeyId, checkpoint.SignedBytes(), checkpoint.Signature)
                    ? $"its signature does not verify with a trusted key (key id {checkpoint.KeyId})"
                : previous is not null && (checkpoint.Horizon < previous.Horizon || checkpoint.EventCount < previous.EventCount)
                    ? "it goes back in time" : null;
            if (reason is not null)
            {
                breaks.Add(new IntegrityBreak("checkpoint", checkpoint.Sequence, reason));
            }
            var recorded = recordedHeads.GetValueOrDefault(checkpoint.Sequence) ?? [];
            if (!MerkleTree.Root(recorded).AsSpan().SequenceEqual(checkpoint.HeadsRoot) || recorded.Count != checkpoint.StreamCount)
            {
                breaks.Add(new IntegrityBreak("checkpoint", checkpoint.Sequence, "its recorded stream heads do not match its signed Merkle root"));
            }
            foreach (var head in recorded)
            {
                heads[head.StreamId] = new ExpectedHead(head.Version, head.Hash, checkpoint.Sequence);
            }
            previous = checkpoint;
        }
        // Heads recorded under a checkpoint that is gone: someone deleted it, the heads table shows it.
        foreach (var orphan in recordedHeads.Keys.Where(sequence => checkpoints.All(c => c.Sequence != sequence)))
        {
            breaks.Add(new IntegrityBreak("checkpoint", orphan, "it was deleted (its recorded stream heads remain)"));
        }
        return (checkpoints, heads);
    }

    private static async Task<(long Events, long Streams)> WalkAsync(
        NpgsqlCommand read, Dictionary<string, ExpectedHead> expectedHeads, List<IntegrityBreak> breaks,
        Action<long, long>? onProgress, CancellationToken cancellationToken)
    {
        var (events, streams) = (0L, 0L);
        using var hash = new EventHash();
        ChainCheck? chain = null;
        ExpectedHead? expected = null;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = new StoredEvent(
                    reader.GetString(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<byte[]>(7));
                if (chain?.StreamId != stored.StreamId)
                {
                    EndOfStream(chain, expected, breaks);
                    chain = new ChainCheck(stored.StreamId, hash);
                    expected = expectedHeads.GetValueOrDefault(stored.StreamId);
                    expected?.Seen = true;
                    streams++;
                }
                if (chain.Check(stored) is { } broken)
                {
                    breaks.Add(broken);
                }
                else if (expected is not null && stored.Version == expected.Version && !ChainCheck.Matches(stored.Hash, expected.Hash))
                {
                    breaks.Add(new IntegrityBreak(stored.StreamId, stored.Version,
                        $"it is not the event checkpoint {expected.Checkpoint} recorded at this version (rewritten history)"));
                }
                if (++events % 50_000 == 0)
                {
                    onProgress?.Invoke(events, streams);
                }
            }
        }
        EndOfStream(chain, expected, breaks);
        return (events, streams);
    }

    private static void EndOfStream(ChainCheck? chain, ExpectedHead? expected, List<IntegrityBreak> breaks)
    {
        if (chain is null)
        {
            return;
        }
        if (expected is not null && chain.Head.Version < expected.Version)
        {
            breaks.Add(new IntegrityBreak(chain.StreamId, chain.Head.Version + 1,
                $"versions {chain.Head.Version + 1} to {expected.Version} were deleted (checkpoint {expected.Checkpoint} recorded version {expected.Version})"));
        }
        else if (chain.EndsInsideAnAppend)
        {
            // Appends commit whole, so a stream always ends with an append's last event.
            breaks.Add(new IntegrityBreak(chain.StreamId, chain.Head.Version + 1,
                $"the events appended with version {chain.Head.Version} after it were deleted"));
        }
    }

    private static async Task CheckEventCountAsync(NpgsqlConnection connection, Checkpoint latest, List<IntegrityBreak> breaks, CancellationToken cancellationToken)
    {
        await using var count = new NpgsqlCommand("select count(*) from events where transaction_id < $1", connection)
        {
            Parameters = { new() { Value = latest.Horizon, NpgsqlDbType = NpgsqlDbType.Xid8 } },
        };
        var actual = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (actual != latest.EventCount)
        {
            breaks.Add(new IntegrityBreak("checkpoint", latest.Sequence,
                $"it covers {latest.EventCount} events, the store now has {actual} of them (events were deleted or inserted)"));
        }
    }
}
