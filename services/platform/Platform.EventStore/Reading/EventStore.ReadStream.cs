using NpgsqlTypes;
using Platform.EventStore.Reading;

namespace Platform.EventStore;

public sealed partial class EventStore
{
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string streamId, StreamRead? read = null, CancellationToken cancellationToken = default)
    {
        read ??= StreamRead.All;
        var forward = read.Direction == ReadDirection.Forward;
        var (lowest, highest) = forward ? (read.FromVersion, read.ToVersion) : (read.ToVersion, read.FromVersion);

        await using var command = dataSource.CreateCommand($"""
            select {Columns} from events
            where stream_id = $1 and stream_version >= $2 and stream_version <= $3 and recorded_at <= $4
            order by stream_version {(forward ? "asc" : "desc")}
            limit $5
            """);
        command.Parameters.Add(new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = lowest ?? 1, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = highest ?? long.MaxValue, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = read.AsOf ?? DateTimeOffset.MaxValue, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = read.MaxCount ?? int.MaxValue, NpgsqlDbType = NpgsqlDbType.Integer });
        return await ReadEventsAsync(command, openPersonalData: true, cancellationToken);
    }

    /// <summary>Folds <paramref name="evolve"/> over the stream (or the part of it <paramref name="read"/> names).</summary>
    public async Task<StreamState<TState>> LoadAsync<TState>(
        string streamId, TState initial, Func<TState, object, TState> evolve, StreamRead? read = null,
        CancellationToken cancellationToken = default)
    {
        if (read?.Direction == ReadDirection.Backward)
        {
            throw new ArgumentException("State is folded forward.", nameof(read));
        }
        var events = await ReadStreamAsync(streamId, read, cancellationToken);
        var state = events.Aggregate(initial, (current, e) => evolve(current, e.Data));
        return new StreamState<TState>(state, events.Count == 0 ? 0 : events[^1].StreamVersion);
    }
}
