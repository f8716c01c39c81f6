using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore;

/// <summary>
/// A page of the global log after a position. On an empty page, <see cref="HeldBack"/> says
/// committed events exist that it could not include yet: an older transaction was still open (or
/// had just ended) when it was read. Read again soon; they are never skipped.
/// </summary>
public sealed record LogPage(IReadOnlyList<RecordedEvent> Events, bool HeldBack);

public sealed partial class EventStore
{
    // Only transactions below the snapshot's xmin are certainly over, and no transaction that
    // starts later can get a smaller id: everything returned here is final, nothing can ever
    // appear before it. Events of transactions still open (and those committed after them)
    // wait; they are never skipped, and no timer decides a gap is empty.
    private const string ReadLogSql = $"""
        select {Columns} from events
        where (transaction_id, global_position) > ($1, $2)
          and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by transaction_id, global_position
        limit $3
        """;

    // Any committed event after the page: held back by an open transaction, or freed since the
    // page was read (a new statement has a new snapshot). Either way the reader must come back.
    // Written as "the next event, if any" so it is an index probe even before the table has
    // statistics (an EXISTS was planned as a full scan on a new, unanalyzed table).
    private const string HeldBackSql = """
        select (select global_position from events where (transaction_id, global_position) > ($1, $2)
                order by transaction_id, global_position limit 1) is not null
        """;

    public async Task<LogPage> ReadLogAsync(LogPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadLogAsync(connection, after, maxCount, cancellationToken);
    }

    /// <summary>Reads on the caller's connection (a subscription's own session).</summary>
    public Task<LogPage> ReadLogAsync(NpgsqlConnection connection, LogPosition after, int maxCount, CancellationToken cancellationToken) =>
        ReadLogAsync(connection, after, maxCount, openPersonalData: true, cancellationToken);

    /// <summary>
    /// As <see cref="ReadLogAsync(NpgsqlConnection, LogPosition, int, CancellationToken)"/>; without
    /// <paramref name="openPersonalData"/>, personal values read as erased and no data key is fetched.
    /// </summary>
    public async Task<LogPage> ReadLogAsync(
        NpgsqlConnection connection, LogPosition after, int maxCount, bool openPersonalData, CancellationToken cancellationToken)
    {
        var read = new NpgsqlBatchCommand(ReadLogSql);
        AddPosition(read, after);
        read.Parameters.Add(new() { Value = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
        // Asked with every read, in the same round trip: an index probe costs the server less than
        // the extra round trip a reader that found nothing would otherwise make.
        var heldBack = new NpgsqlBatchCommand(HeldBackSql);
        AddPosition(heldBack, after);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { read, heldBack } };
        await batch.PrepareAsync(cancellationToken);
        StoredRows rows;
        bool held;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            rows = await ReadRowsAsync(reader, openPersonalData, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            held = reader.GetBoolean(0);
        }
        var events = await OpenAsync(rows, cancellationToken);
        // A reader with events reads again right after handling them; it asks then.
        return new LogPage(events, HeldBack: events.Count == 0 && held);
    }

    /// <summary>
    /// The whole committed log from the start, in order, page by page. Events held back by a
    /// transaction still open (anywhere in the cluster: the horizon is cluster-wide) are waited
    /// for, not left out; the enumeration ends when nothing committed remains unread.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        int pageSize = 1000, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var position = LogPosition.Start;
        var heldBackWait = LogWatcher.FirstHeldBackWait;
        while (true)
        {
            var seen = watcher.Version;
            var page = await ReadLogAsync(position, pageSize, cancellationToken);
            foreach (var recorded in page.Events)
            {
                yield return recorded;
            }
            if (page.Events.Count > 0)
            {
                position = page.Events[^1].Position;
                heldBackWait = LogWatcher.FirstHeldBackWait;
                continue;
            }
            if (!page.HeldBack)
            {
                yield break;
            }
            heldBackWait = await watcher.WaitHeldBackAsync(seen, heldBackWait, cancellationToken);
        }
    }

    private static void AddPosition(NpgsqlBatchCommand command, LogPosition position)
    {
        command.Parameters.Add(new() { Value = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new() { Value = position.GlobalPosition, NpgsqlDbType = NpgsqlDbType.Bigint });
    }
}
