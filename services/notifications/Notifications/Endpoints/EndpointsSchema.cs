using Platform.ServiceDefaults;

namespace Notifications.Endpoints;

/// <summary>
/// The service's tables. Endpoints are operational settings, not a history anyone audits, so they
/// are plain rows; what was sent, and when, is kept in the delivery log.
/// </summary>
public static class NotificationsSchema
{
    public static IHostApplicationBuilder AddNotificationsSchema(this IHostApplicationBuilder builder) =>
        builder.AddSchemaMigration("notifications-0001-endpoints-and-deliveries", """
            create table endpoints (
                id uuid primary key,
                organization_id uuid not null,
                url text not null,
                event_types text[] not null,
                description text,
                status text not null check (status in ('active', 'paused', 'disabled')),
                failing_since timestamptz,
                created_at timestamptz not null,
                updated_at timestamptz not null);
            create index endpoints_organization on endpoints (organization_id);

            -- Sealed with Notifications:SecretEncryptionKey; several active at once during a rotation.
            create table endpoint_secrets (
                id uuid primary key,
                endpoint_id uuid not null references endpoints (id) on delete cascade,
                sealed bytea not null,
                created_at timestamptz not null,
                expires_at timestamptz);
            create index endpoint_secrets_endpoint on endpoint_secrets (endpoint_id);

            -- A message handled once: written in the same transaction as what it caused.
            create table processed_messages (
                message_id uuid primary key,
                processed_at timestamptz not null);

            -- The CloudEvents, thin (ids, vocabulary, times): the same body goes to every entitled organization.
            create table notifications (
                id uuid primary key,
                type text not null,
                urgent boolean not null,
                body text not null,
                created_at timestamptz not null);

            -- Feed positions come from one identity column, but transactions commit out of order:
            -- readers go in (transaction id, position) order and only below the oldest open transaction.
            create table feed_entries (
                position bigint generated always as identity primary key,
                transaction_id xid8 not null default pg_current_xact_id(),
                organization_id uuid not null,
                notification_id uuid not null references notifications (id),
                unique (organization_id, notification_id));
            create index feed_entries_reading on feed_entries (organization_id, transaction_id, position);

            create table deliveries (
                id uuid primary key,
                endpoint_id uuid not null references endpoints (id) on delete cascade,
                notification_id uuid not null references notifications (id),
                status text not null check (status in ('pending', 'delivered', 'dead')),
                urgent boolean not null,
                attempts integer not null default 0,
                window_started_at timestamptz not null,
                next_attempt_at timestamptz not null,
                lease_until timestamptz,
                created_at timestamptz not null,
                completed_at timestamptz,
                unique (endpoint_id, notification_id));
            create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';
            create index deliveries_endpoint on deliveries (endpoint_id, created_at);

            -- The delivery log: what happened on the wire, never a body.
            create table delivery_attempts (
                id bigint generated always as identity primary key,
                delivery_id uuid not null references deliveries (id) on delete cascade,
                attempted_at timestamptz not null,
                status_code integer,
                latency_ms double precision not null,
                outcome text not null);
            create index delivery_attempts_delivery on delivery_attempts (delivery_id, id);
            """)
        // Claims walk the pending deliveries in the order they are sent (urgent first, then oldest due) and stop
        // at the batch size; without it the planner could read an endpoint's whole delivery history per claim.
        .AddSchemaMigration("notifications-0002-deliveries-in-claim-order", """
            create index deliveries_claim_order on deliveries (urgent desc, next_attempt_at) where status = 'pending';
            drop index deliveries_due;
            """);
}
