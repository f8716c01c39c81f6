using Npgsql;

namespace Platform.EventStore.Appending;

/// <summary>
/// A transaction opened by <see cref="EventStore.InTransactionAsync{T}"/>. Append first, then
/// make other writes: the log orders transactions by the id they take at their first write, and
/// an id taken before the append could order this stream's events before an earlier version's.
/// </summary>
public sealed class EventStoreTransaction
{
    private readonly EventStore store;

    internal EventStoreTransaction(EventStore store, NpgsqlConnection connection)
    {
        this.store = store;
        Connection = connection;
    }

    /// <summary>For the caller's own writes in the same transaction (a processed-message row, say).</summary>
    public NpgsqlConnection Connection { get; }

    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, EventMetadata metadata,
        CancellationToken cancellationToken = default) =>
        store.AppendAsync(streamId, expected, events, metadata, Connection, cancellationToken);
}
