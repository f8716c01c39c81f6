using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.EventStore.Privacy;
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
    IEnumerable<IInlineProjection> inlineProjections,
    SubjectKeys subjectKeys)
{
    public static readonly ActivitySource Telemetry = new("Platform.EventStore");

    private readonly IInlineProjection[] inline = [.. inlineProjections];

    public EventTypeRegistry Types => types;

    internal NpgsqlDataSource DataSource => dataSource;

    private const string Columns =
        "global_position, transaction_id, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at";

    public SubjectKeys SubjectKeys => subjectKeys;

    /// <summary>
    /// Reads the rows, then opens their personal fields with the keys they need (fetched once for
    /// the whole page; a key that no longer exists was erased and reads as the erased marker).
    /// </summary>
    private async Task<List<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, bool openPersonalData, CancellationToken cancellationToken)
    {
        StoredRows rows;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            rows = await ReadRowsAsync(reader, openPersonalData, cancellationToken);
        }
        return await OpenAsync(rows, cancellationToken);
    }

    /// <summary>The rows of the reader's current result, with the ids of the data keys their personal fields need.</summary>
    private async Task<StoredRows> ReadRowsAsync(NpgsqlDataReader reader, bool openPersonalData, CancellationToken cancellationToken)
    {
        var rows = new StoredRows([], []);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (storedType, json) = (reader.GetString(5), reader.GetString(6));
            var (type, clrType, node) = types.Resolve(storedType, json);
            if (node is not null && openPersonalData)
            {
                rows.KeyIds.UnionWith(types.Codec.KeyIdsIn(node, clrType));
            }
            rows.Rows.Add((new RecordedEvent(
                GlobalPosition: reader.GetInt64(0),
                TransactionId: reader.GetFieldValue<ulong>(1),
                StreamId: reader.GetString(2),
                StreamVersion: reader.GetInt64(3),
                EventId: reader.GetGuid(4),
                EventType: type,
                Data: null!,
                Metadata: MetadataJson.Deserialize(reader.GetString(7)),
                RecordedAt: reader.GetFieldValue<DateTimeOffset>(8)), storedType, json, clrType, node));
        }
        return rows;
    }

    private async Task<List<RecordedEvent>> OpenAsync(StoredRows stored, CancellationToken cancellationToken)
    {
        var keys = stored.KeyIds.Count == 0 ? NoKeys : await subjectKeys.ForReadingAsync(stored.KeyIds, cancellationToken);
        var events = new List<RecordedEvent>(stored.Rows.Count);
        foreach (var (recorded, storedType, json, clrType, node) in stored.Rows)
        {
            if (node is not null)
            {
                // With no keys, every envelope reads as erased: the shape stays valid for deserializing.
                types.Codec.Open(node, clrType, keys);
            }
            events.Add(recorded with { Data = EventTypeRegistry.Deserialize(storedType, json, clrType, node) });
        }
        return events;
    }

    private sealed record StoredRows(
        List<(RecordedEvent Event, string StoredType, string Json, Type ClrType, JsonObject? Node)> Rows, HashSet<Guid> KeyIds);

    private static readonly Dictionary<Guid, DataKey> NoKeys = [];
}
