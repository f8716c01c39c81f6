using Dapper;
using Notifications.Delivering;
using Npgsql;

namespace Notifications.Notifying;

/// <summary>What one integration message stands for: usually one notification (its id the message's), one per side for a referral.</summary>
public sealed record MessageNotifications(Guid MessageId, IReadOnlyList<Notification> Notifications);

/// <summary>
/// Records notifications once: the processed messages, the notifications, one feed entry per entitled
/// organization and one delivery per endpoint of theirs that wants the type, in one statement (one
/// round trip and one transaction for a whole batch of messages). A redelivered message finds its id
/// processed and changes nothing, whatever notifications it stands for; the unique (endpoint,
/// notification) keeps deliveries single even if that check were bypassed.
/// </summary>
public sealed class NotificationRecorder(NpgsqlDataSource dataSource, DeliverySignal signal, TimeProvider time)
{
    /// <summary>Records the notifications of a batch of messages; returns how many notifications were new.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<MessageNotifications> messages, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var recorded = await InsertAsync(connection, null,
            [.. messages.SelectMany(message => message.Notifications.Select(notification => ((Guid?)message.MessageId, notification)))], time.GetUtcNow(), cancellationToken);
        if (recorded > 0)
        {
            signal.Wake(notifyOtherInstances: true);
        }
        return recorded;
    }

    /// <summary>A notification of the service's own (no message behind it), inside the caller's transaction.</summary>
    public static Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Notification notification, DateTimeOffset now, CancellationToken cancellationToken) =>
        InsertAsync(connection, transaction, [(null, notification)], now, cancellationToken);

    // A notification with a message behind it is inserted only if that message was not processed before.
    private static async Task<int> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(Guid? MessageId, Notification Notification)> fromMessages, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var notifications = fromMessages.Select(pair => pair.Notification).ToList();
        var entitled = notifications.SelectMany(notification => notification.EntitledOrganizations.Distinct().Select(organization => (notification.Id, Organization: organization))).ToList();
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            with processed as (
                insert into processed_messages (message_id, processed_at) select id, @now from unnest(@messageIds) as id where id is not null
                on conflict do nothing
                returning message_id),
            inserted as (
                insert into notifications (id, type, urgent, body, created_at)
                select n.id, n.type, n.urgent, n.body, @now from unnest(@ids, @messageIds, @types, @urgent, @bodies) as n(id, message_id, type, urgent, body)
                where n.message_id is null or n.message_id in (select message_id from processed)
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
                messageIds = fromMessages.Select(pair => pair.MessageId).ToArray(),
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
