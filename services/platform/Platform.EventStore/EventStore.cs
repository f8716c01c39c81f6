using System.Diagnostics;
using Npgsql;
using Platform.EventStore.Projections;
using Platform.EventStore.Subscriptions;
using Platform.EventStore.Types;

namespace Platform.EventStore;

/// <summary>
/// Streams of events in one PostgreSQL database: append with optimistic concurrency, read a
/// stream (forward, backward, up to a version or a time), read the global log gap-safely.
/// Thread-safe; one per database per process.
/// </summary>
public sealed partial class EventStore(
    NpgsqlDataSource dataSource,
    EventTypeRegistry types,
    LogWatcher watcher,
    IEnumerable<IInlineProjection> inlineProjections)
{
    public static readonly ActivitySource Telemetry = new("Platform.EventStore");

    private readonly IInlineProjection[] inline = [.. inlineProjections];

    public EventTypeRegistry Types => types;

    internal NpgsqlDataSource DataSource => dataSource;

    private const string Columns =
        "global_position, transaction_id, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at";

    private RecordedEvent ReadEvent(NpgsqlDataReader reader)
    {
        var (type, data) = types.Deserialize(reader.GetString(5), reader.GetString(6));
        return new RecordedEvent(
            GlobalPosition: reader.GetInt64(0),
            TransactionId: reader.GetFieldValue<ulong>(1),
            StreamId: reader.GetString(2),
            StreamVersion: reader.GetInt64(3),
            EventId: reader.GetGuid(4),
            EventType: type,
            Data: data,
            Metadata: MetadataJson.Deserialize(reader.GetString(7)),
            RecordedAt: reader.GetFieldValue<DateTimeOffset>(8));
    }

    private async Task<List<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader));
        }
        return events;
    }
}
