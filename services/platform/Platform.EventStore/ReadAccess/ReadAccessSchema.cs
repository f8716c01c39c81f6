using Platform.ServiceDefaults;

namespace Platform.EventStore.ReadAccess;

/// <summary>
/// The read-access audit table, in the service's own database next to its events. Append-only:
/// services insert through <see cref="ReadAccessLog"/> and never update or delete a row, so an
/// auditor can trust that what the log shows is everything that was recorded.
/// </summary>
public static class ReadAccessSchema
{
    // Indexes: (stream_id, id) serves an auditor paging one case's log, (reader_organization_id, id)
    // one organization's reads, read_at the time range. Each keeps pages in id (cursor) order.
    public static readonly SchemaMigration Migration = new("eventstore-0002-read-access", """
        create table read_access_log (
            id bigint generated always as identity primary key,
            stream_id text not null,
            reader_client_id text not null,
            reader_organization_id text null,
            reader_on_behalf_of text null,
            purpose text not null,
            what text not null,
            correlation_id text null,
            read_at timestamptz not null default now());
        create index read_access_log_stream on read_access_log (stream_id, id);
        create index read_access_log_organization on read_access_log (reader_organization_id, id);
        create index read_access_log_read_at on read_access_log (read_at);
        comment on table read_access_log is
            'Who read which stream (or its access log) and when. Append-only: services never update or delete rows.';
        """);
}
