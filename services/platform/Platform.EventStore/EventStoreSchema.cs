using Platform.ServiceDefaults;

namespace Platform.EventStore;

/// <summary>
/// The store's tables. <c>unique (stream_id, stream_version)</c> is the optimistic concurrency;
/// <c>transaction_id</c> (the writer's xid8) is what makes reading the global log gap-safe.
/// </summary>
public static class EventStoreSchema
{
    /// <summary>The channel appends NOTIFY on, so subscribers wake without polling.</summary>
    public const string NotifyChannel = "platform_events";

    public static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new("eventstore-0001-events", """
            create table events (
                global_position bigint generated always as identity primary key,
                transaction_id xid8 not null default pg_current_xact_id(),
                stream_id text not null,
                stream_version bigint not null,
                event_id uuid not null,
                event_type text not null,
                data json not null,
                metadata json not null,
                recorded_at timestamptz not null default now(),
                constraint events_stream_version_key unique (stream_id, stream_version),
                constraint events_event_id_key unique (event_id));
            create index events_log_order on events (transaction_id, global_position);

            create table subscriptions (
                name text primary key,
                transaction_id xid8 not null default '0',
                global_position bigint not null default 0,
                status text not null default 'active',
                failure text,
                updated_at timestamptz not null default now());
            """),
    ];
}
