using Dapper;
using Notifications.Delivering;
using Npgsql;

namespace Notifications.Notifying;

/// <summary>
/// Records notifications once: the processed messages, the notifications, one feed entry per entitled
/// organization and one delivery per endpoint of theirs that wants the type, in one statement (one
/// round trip and one transaction for a whole batch of messages). A redelivered message finds its id
/// processed and changes nothing; the unique (endpoint, notification) keeps deliveries single even if
/// that check were bypassed.
/// </summary>
public sealed class NotificationRecorder(NpgsqlDataSource dataSource, DeliverySignal signal, TimeProvider time)
{
    /// <summary>Records the notifications of a batch of messages (each notification's id is its message's); returns how many were new.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<Notification> fromMessages, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var recorded = await InsertAsync(connection, null, fromMessages, [.. fromMessages.Select(notification => notification.Id)], time.GetUtcNow(), cancellationToken);
        if (recorded > 0)
        {
            signal.Wake(notifyOtherInstances: true);
        }
        return recorded;
    }

    /// <summary>A notification of the service's own (no message behind it), inside the caller's transaction.</summary>
    public static Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Notification notification, DateTimeOffset now, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, [notification], [], now, cancellationToken);

    // Those of the notifications whose id is among messageIds are inserted only if that message was not processed before.
    private static async Task<int> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<Notification> notifications, Guid[] messageIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var entitled = notifications.SelectMany(notification => notification.EntitledOrganizations.Distinct().Select(organization => (notification.Id, Organization: organization))).ToList();
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            with processed as (
                insert into processed_messages (message_id, processed_at) select id, @now from unnest(@messageIds) as id
                on conflict do nothing
                returning message_id),
            inserted as (
                insert into notifications (id, type, urgent, body, created_at)
                select n.id, n.type, n.urgent, n.body, @now from unnest(@ids, @types, @urgent, @bodies) as n(id, type, urgent, body)
                where n.id <> all(@messageIds) or n.id in (select message_id from processed)
                order by n.id
                on conflict do nothing
                returning id, type, urgent),
            feed as (
                insert into feed_entries (organization_id, notification_id)
                select o.organization_id, n.id from inserted n join unnest(@entitledIds, @entitledOrganizations) as o(id, organization_id) on o.id = n.id
                order by n.id
                on conflict do nothing),
            deliveries as (
                insert into deliveries (id, endpoint_id, notification_id, status, urgent, window_started_at, next_attempt_at, created_at)
                select gen_random_uuid(), e.id, n.id, 'pending', n.urgent, @now, @now, @now
                from inserted n join unnest(@entitledIds, @entitledOrganizations) as o(id, organization_id) on o.id = n.id
                join endpoints e on e.organization_id = o.organization_id and n.type = any(e.event_types)
                on conflict (endpoint_id, notification_id) do nothing)
            select count(*) from inserted
            """,
            new
            {
                now,
                messageIds,
                ids = notifications.Select(notification => notification.Id).ToArray(),
                types = notifications.Select(notification => notification.Type).ToArray(),
                urgent = notifications.Select(notification => notification.Urgent).ToArray(),
                bodies = notifications.Select(notification => notification.ToCloudEventJson()).ToArray(),
                entitledIds = entitled.Select(pair => pair.Id).ToArray(),
                entitledOrganizations = entitled.Select(pair => pair.Organization).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }
}
