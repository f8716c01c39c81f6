using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Types;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// What the store is measured against: the same rows written by plain INSERTs into a bare table
/// with the same columns, defaults (identity, <c>pg_current_xact_id()</c>, <c>now()</c>), constraints
/// and indexes as <c>events</c>, on the same data source, autocommit (one statement, one transaction).
/// No version check, no idempotency check, no RETURNING, no notification: exactly the work a table
/// does for these rows, which is what the store's overhead is a ratio to.
/// </summary>
internal static class Baseline
{
    public const string Table = "baseline_events";

    // The rows carry the store's hash column too (32 bytes, as a value): identical rows,
    // without the chain. The store's cost of computing and linking the hashes is what is measured.
    private const string InsertOneSql = $"""
        insert into {Table} (stream_id, stream_version, event_id, event_type, data, metadata, hash)
        values ($1, $2, $3, $4, $5, $6, $7)
        """;

    private static readonly byte[] HashValue = new byte[32];

    // A multi-row INSERT the way one is written with Npgsql: one array per column, unnested. It
    // sends the same shape as the store's append (the stream id and the shared metadata once, the
    // rest per row), so both sides carry the same bytes; a VALUES list of 600 parameters would be
    // slower to parse and bind, and COPY is not an INSERT.
    private const string InsertBatchSql = $"""
        insert into {Table} (stream_id, stream_version, event_id, event_type, data, metadata, hash)
        select $1, e.version, e.id, e.type, e.data, $6, e.hash
        from unnest($2::bigint[], $3::uuid[], $4::text[], $5::json[], $7::bytea[]) as e(version, id, type, data, hash)
        """;

    /// <summary>A copy of <c>events</c>' shape (checked by <see cref="DescribeAsync"/>), without its data.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var create = dataSource.CreateCommand($"create table {Table} (like events including all)");
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Both tables' columns, defaults and indexes, with the table names taken out, and whether they match.</summary>
    public static async Task<(bool Same, IReadOnlyList<string> Events, IReadOnlyList<string> Baseline)> DescribeAsync(
        NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        async Task<List<string>> Shape(string table)
        {
            await using var command = dataSource.CreateCommand("""
                select 'column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || case when a.attnotnull then ' not null' else '' end
                       || case when a.attidentity <> '' then ' identity(' || a.attidentity::text || ')' else '' end
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
                union all
                select 'index ' || regexp_replace(regexp_replace(pg_get_indexdef(i.indexrelid), 'INDEX \S+ ON ', 'INDEX ON '), ' public\.\S+ ', ' ')
                from pg_index i where i.indrelid = $1::regclass
                order by 1
                """);
            command.Parameters.Add(new() { Value = table, NpgsqlDbType = NpgsqlDbType.Text });
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
            return lines;
        }
        var events = await Shape("events");
        var baseline = await Shape(Table);
        return (events.SequenceEqual(baseline), events, baseline);
    }

    /// <summary>One event, one INSERT, autocommit. The row is built from the same objects as the store's.</summary>
    public static async Task InsertOneAsync(
        NpgsqlDataSource dataSource, EventTypeRegistry types, StreamCursor cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var data = BenchEvents.At(cursor.CaseId, cursor.Version + 1, now);
        var metadata = BenchEvents.Metadata(now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(InsertOneSql, connection)
        {
            Parameters =
            {
                new() { Value = cursor.StreamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = cursor.Version + 1, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = Guid.CreateVersion7(), NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = types.NameOf(data.GetType()), NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = EventTypeRegistry.Serialize(data), NpgsqlDbType = NpgsqlDbType.Json },
                new() { Value = BenchEvents.MetadataJson(metadata), NpgsqlDbType = NpgsqlDbType.Json },
                new() { Value = HashValue, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
        cursor.Appended();
    }

    /// <summary><paramref name="count"/> events of one stream, one multi-row INSERT, autocommit.</summary>
    public static async Task InsertBatchAsync(
        NpgsqlDataSource dataSource, EventTypeRegistry types, StreamCursor cursor, int count, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var versions = new long[count];
        var ids = new Guid[count];
        var names = new string[count];
        var data = new string[count];
        for (var i = 0; i < count; i++)
        {
            var @event = BenchEvents.At(cursor.CaseId, cursor.Version + 1 + i, now);
            versions[i] = cursor.Version + 1 + i;
            ids[i] = Guid.CreateVersion7();
            names[i] = types.NameOf(@event.GetType());
            data[i] = EventTypeRegistry.Serialize(@event);
        }
        var metadata = BenchEvents.Metadata(now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(InsertBatchSql, connection)
        {
            Parameters =
            {
                new() { Value = cursor.StreamId, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = versions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json },
                new() { Value = BenchEvents.MetadataJson(metadata), NpgsqlDbType = NpgsqlDbType.Json },
                new() { Value = Enumerable.Repeat(HashValue, count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
        cursor.Appended();
    }
}
