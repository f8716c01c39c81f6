using Npgsql;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Tests;

/// <summary>One row per stream: how many events it has and its last version. Batch-aggregated, one upsert per batch.</summary>
public sealed class StreamSummaries : IProjection
{
    public string Name => "stream-summaries";

    public IReadOnlyList<string> Tables => ["stream_summaries"];

    public string CreateTablesSql(ProjectionTables tables) => $"""
        create table {tables["stream_summaries"]} (
            stream_id text primary key,
            events bigint not null,
            last_version bigint not null)
        """;

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, ProjectionTables tables, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var perStream = events.GroupBy(e => e.StreamId).Select(g => (Stream: g.Key, Count: (long)g.Count(), Last: g.Max(e => e.StreamVersion))).ToList();
        await using var upsert = new NpgsqlCommand($"""
            insert into {tables["stream_summaries"]} (stream_id, events, last_version)
            select * from unnest($1::text[], $2::bigint[], $3::bigint[])
            on conflict (stream_id) do update
            set events = {tables["stream_summaries"]}.events + excluded.events, last_version = excluded.last_version
            """, connection);
        upsert.Parameters.AddWithValue(perStream.Select(s => s.Stream).ToArray());
        upsert.Parameters.AddWithValue(perStream.Select(s => s.Count).ToArray());
        upsert.Parameters.AddWithValue(perStream.Select(s => s.Last).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Inline: the latest name of each thing, visible the moment the append commits.</summary>
public sealed class ThingNames : IInlineProjection
{
    public const string CreateTableSql = "create table if not exists thing_names (thing_id uuid primary key, name text not null)";

    /// <summary>Makes its statement fail in the database (a null name), as a broken projection would.</summary>
    public bool FailOnPurpose { get; set; }

    public bool AppliesTo(string eventType) => eventType == "tests.thing-renamed.v3";

    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events) =>
        events.Select(e => (ThingRenamed)e.Data).Select(renamed => ProjectionStatement.Of(
            "insert into thing_names values ($1, $2) on conflict (thing_id) do update set name = excluded.name",
            renamed.ThingId, FailOnPurpose ? null : renamed.Name));
}
