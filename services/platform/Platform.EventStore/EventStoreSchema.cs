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

    /// <summary>The channel erasures NOTIFY on (payload: the subject id), so every process drops that subject's keys at once.</summary>
    public const string ErasedChannel = "platform_subjects_erased";


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
                hash bytea not null,
                constraint events_stream_version_key unique (stream_id, stream_version),
                constraint events_event_id_key unique (event_id));
            create index events_log_order on events (transaction_id, global_position);

            create table integrity_checkpoints (
                sequence bigint primary key,
                horizon xid8 not null,
                global_position bigint not null,
                event_count bigint not null,
                stream_count bigint not null,
                heads_root bytea not null,
                previous_digest bytea,
                created_at timestamptz not null,
                key_id text not null,
                signature bytea not null);
            create table integrity_checkpoint_heads (
                checkpoint bigint not null references integrity_checkpoints,
                stream_id text not null,
                stream_version bigint not null,
                hash bytea not null,
                primary key (checkpoint, stream_id));
            create index integrity_checkpoint_heads_by_stream on integrity_checkpoint_heads (stream_id, checkpoint);

            -- Per-subject data keys, wrapped by a master key (crypto-shredding): erasing a subject
            -- deletes its keys, and its personal data in events can never be read again.
            create table data_subjects (
                subject_id text primary key,
                erased_at timestamptz);
            create table subject_keys (
                key_id uuid primary key,
                subject_id text not null,
                master_key_id text not null,
                wrapped_key bytea not null,
                created_at timestamptz not null default now());
            create index subject_keys_by_subject on subject_keys (subject_id);
            create index subject_keys_by_master_key on subject_keys (master_key_id);

            create table subscriptions (
                name text primary key,
                transaction_id xid8 not null default '0',
                global_position bigint not null default 0,
                status text not null default 'active',
                failure text,
                updated_at timestamptz not null default now());
            """),
        ReadAccess.ReadAccessSchema.Migration,
        // A report with its sealed personal fields is an event of about 2.5 kB, over PostgreSQL's
        // default 2 kB toast threshold: each was compressed (pglz, for little gain on ciphertext)
        // and then moved out of line anyway, so every append wrote a second heap row and index
        // entry, and every log read fetched and decompressed it. Rows up to a page now stay in
        // the heap as written; only larger ones are toasted.
        new("eventstore-0003-events-stay-inline", "alter table events set (toast_tuple_target = 8160);"),
        // A checkpoint's heads go in by one statement in the checkpoint's own transaction, so the
        // foreign key to it guarded nothing our code could get wrong, and against tampering it is
        // no defence (whoever can delete a checkpoint can drop it). It cost a lookup per head: at
        // 200 reports a second, twelve thousand a minute, which doubled the insert (330 ms against
        // 130 to 220 on an idle server). The insert holds the cluster's oldest transaction id the
        // whole time, and every log reader on the cluster waits for it (see ReadLogSql).
        new("eventstore-0004-checkpoint-heads-unchecked",
            "alter table integrity_checkpoint_heads drop constraint if exists integrity_checkpoint_heads_checkpoint_fkey;"),
    ];
}
