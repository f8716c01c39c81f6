using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore.ReadAccess;

/// <summary>
/// Who read which stream, when and why, in the service's database (<see cref="ReadAccessSchema"/>).
/// Services record every read of case data; auditors query the log, and each query is recorded
/// too. Deciding who may read or audit is the caller's job: this only keeps the record.
/// Thread-safe; one per database per process.
/// </summary>
public sealed class ReadAccessLog(NpgsqlDataSource dataSource)
{
    /// <summary>The stream id recorded for a query of the access log that spans streams.</summary>
    public const string AllStreams = "*";

    public const int MaxPurposeLength = 200;

    private const string Columns =
        "stream_id, reader_client_id, reader_organization_id, reader_on_behalf_of, purpose, what, correlation_id";

    // read_at is left to the database's now(), so every instance of every service stamps reads by
    // the same clock and an auditor's time range means the same thing for all of them.
    private const string RecordSql = $"""
        insert into read_access_log ({Columns})
        values ($1, $2, $3, $4, $5, '{ReadAccessWhat.Stream}', $6)
        """;

    // The query and its own record are one statement: a data-modifying WITH always runs to
    // completion, and the select shares its snapshot, so it never sees the row being inserted
    // (the next query does). $1..$6 are the record, $7 the cursor, $8 the limit, $9.. the filters.
    private const string QuerySql = $"""
        with recorded as (
            insert into read_access_log ({Columns})
            values ($1, $2, $3, $4, $5, '{ReadAccessWhat.AccessLog}', $6))
        select id, {Columns}, read_at from read_access_log
        where id > $7/*filters*/
        order by id
        limit $8
        """;

    /// <summary>Records that <paramref name="reader"/> read the stream: one prepared insert, committed on return.</summary>
    public async Task RecordAsync(
        string streamId, Actor reader, string purpose, string? correlationId, CancellationToken cancellationToken = default)
    {
        Validate(streamId, reader, purpose);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await InsertAsync(connection, streamId, reader, purpose, correlationId, cancellationToken);
    }

    /// <summary>
    /// Records on the caller's open connection, in its transaction if it has one: the record
    /// commits with the caller's work, or not at all. In an
    /// <see cref="Appending.EventStoreTransaction"/>, record after appending: this insert is a
    /// write, and a transaction must not take its id before its append (see there). Static: it
    /// needs no data source, only the caller's connection.
    /// </summary>
    public static async Task RecordAsync(
        NpgsqlConnection connection, string streamId, Actor reader, string purpose, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate(streamId, reader, purpose);
        await InsertAsync(connection, streamId, reader, purpose, correlationId, cancellationToken);
    }

    /// <summary>
    /// A page of recorded reads matching <paramref name="query"/>. The query is recorded as a read
    /// of the stream's access log (of <see cref="AllStreams"/> when it spans streams) by
    /// <paramref name="auditor"/>, committed before any result is returned: nobody sees the log
    /// without leaving a trace. That record is not in its own results; the next query shows it.
    /// </summary>
    public async Task<ReadAccessPage> QueryAsync(
        ReadAccessQuery query, Actor auditor, string purpose, string? correlationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        ValidateReader(auditor, purpose);

        var filters = new List<(string Column, string Operator, object Value, NpgsqlDbType Type)>();
        if (query.StreamId is not null)
        {
            filters.Add(("stream_id", "=", query.StreamId, NpgsqlDbType.Text));
        }
        if (query.ReaderOrganizationId is not null)
        {
            filters.Add(("reader_organization_id", "=", query.ReaderOrganizationId, NpgsqlDbType.Text));
        }
        if (query.From is { } from)
        {
            filters.Add(("read_at", ">=", from.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        }
        if (query.Until is { } until)
        {
            filters.Add(("read_at", "<", until.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        }
        // One statement text per combination of filters (16 at most), so each prepares once and
        // gets a plan for its own index rather than a generic "$n is null or ..." plan.
        var sql = QuerySql.Replace(
            "/*filters*/",
            string.Concat(filters.Select((filter, index) => $" and {filter.Column} {filter.Operator} ${9 + index}")),
            StringComparison.Ordinal);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        AddRecordParameters(command, query.StreamId ?? AllStreams, auditor, purpose, correlationId);
        command.Parameters.Add(new() { Value = query.After ?? 0L, NpgsqlDbType = NpgsqlDbType.Bigint });
        // One more than asked for says whether there is a next page.
        command.Parameters.Add(new() { Value = query.Limit + 1, NpgsqlDbType = NpgsqlDbType.Integer });
        foreach (var filter in filters)
        {
            command.Parameters.Add(new() { Value = filter.Value, NpgsqlDbType = filter.Type });
        }
        await command.PrepareAsync(cancellationToken);

        var entries = new List<ReadAccessEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(ReadEntry(reader));
            }
        }
        // The results leave only once the record of this query is durable.
        await transaction.CommitAsync(cancellationToken);

        if (entries.Count <= query.Limit)
        {
            return new ReadAccessPage(entries, NextCursor: null);
        }
        entries.RemoveAt(entries.Count - 1);
        return new ReadAccessPage(entries, entries[^1].Id);
    }

    internal static void ValidateStreamId(string streamId, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId, parameterName);
        if (streamId == AllStreams)
        {
            throw new ArgumentException($"'{AllStreams}' marks queries spanning streams; it is no stream's id.", parameterName);
        }
    }

    private static void Validate(string streamId, Actor reader, string purpose)
    {
        ValidateStreamId(streamId, nameof(streamId));
        ValidateReader(reader, purpose);
    }

    private static void ValidateReader(Actor reader, string purpose)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(reader.ClientId, nameof(reader));
        // The purpose is what an auditor judges a read by: a read without one is not recorded, so
        // the caller fails loudly instead of reading silently.
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (purpose.Length > MaxPurposeLength)
        {
            throw new ArgumentException($"A purpose has at most {MaxPurposeLength} characters.", nameof(purpose));
        }
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, string streamId, Actor reader, string purpose, string? correlationId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RecordSql, connection);
        AddRecordParameters(command, streamId, reader, purpose, correlationId);
        // Prepared once per physical connection; afterwards the insert is one round trip.
        await command.PrepareAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddRecordParameters(NpgsqlCommand command, string streamId, Actor reader, string purpose, string? correlationId)
    {
        AddText(command, streamId);
        AddText(command, reader.ClientId);
        AddText(command, reader.OrganizationId);
        AddText(command, reader.OnBehalfOf);
        AddText(command, purpose);
        AddText(command, correlationId);
    }

    private static void AddText(NpgsqlCommand command, string? value) =>
        command.Parameters.Add(new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });

    private static ReadAccessEntry ReadEntry(NpgsqlDataReader reader) => new(
        Id: reader.GetInt64(0),
        StreamId: reader.GetString(1),
        Reader: new Actor(
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4)),
        Purpose: reader.GetString(5),
        What: reader.GetString(6),
        CorrelationId: reader.IsDBNull(7) ? null : reader.GetString(7),
        ReadAt: reader.GetFieldValue<DateTimeOffset>(8));
}
