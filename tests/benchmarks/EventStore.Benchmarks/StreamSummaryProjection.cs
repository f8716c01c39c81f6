using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// One row per stream: how many events, the last version and the last event's type. Each batch is
/// folded in memory first and written with one upsert, as a projection meant to rebuild fast is.
/// </summary>
internal sealed class StreamSummaryProjection : IProjection
{
    public const string Table = "stream_summary";

    public string Name => "bench-stream-summary";

    public IReadOnlyList<string> Tables { get; } = [Table];

    public string CreateTablesSql(ProjectionTables tables) => $"""
        create table {tables[Table]} (
            stream_id text primary key,
            event_count bigint not null,
            last_version bigint not null,
            last_event_type text not null)
        """;

    public async Task ApplyAsync(
        IReadOnlyList<RecordedEvent> events, ProjectionTables tables, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Log order keeps each stream's events in version order, so the last one seen is the latest.
        var streams = new Dictionary<string, (long Count, long Version, string Type)>(StringComparer.Ordinal);
        foreach (var recorded in events)
        {
            streams.TryGetValue(recorded.StreamId, out var summary);
            streams[recorded.StreamId] = (summary.Count + 1, recorded.StreamVersion, recorded.EventType);
        }

        var table = tables[Table];
        await using var upsert = new NpgsqlCommand($"""
            insert into {table} (stream_id, event_count, last_version, last_event_type)
            select * from unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[])
            on conflict (stream_id) do update
            set event_count = {table}.event_count + excluded.event_count,
                last_version = excluded.last_version,
                last_event_type = excluded.last_event_type
            """, connection)
        {
            Parameters =
            {
                new() { Value = streams.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = streams.Values.Select(summary => summary.Count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = streams.Values.Select(summary => summary.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = streams.Values.Select(summary => summary.Type).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            },
        };
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
