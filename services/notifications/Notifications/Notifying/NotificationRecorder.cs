using Dapper;
using Notifications.Delivering;
using Npgsql;

namespace Notifications.Notifying;

/// <summary>
/// Records a notification once: the processed message, the notification, one feed entry per
/// entitled organization and one delivery per endpoint of theirs that wants its type, all in one
/// transaction. A redelivered message finds its id processed and changes nothing; the unique
/// (endpoint, notification) keeps deliveries single even if that check were bypassed.
/// </summary>
public sealed class NotificationRecorder(NpgsqlDataSource dataSource, DeliverySignal signal, TimeProvider time)
{
    /// <summary>Returns false when the message had been processed before.</summary>
    public async Task<bool> RecordAsync(Notification notification, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition(
            "insert into processed_messages (message_id, processed_at) values (@id, @now) on conflict do nothing",
            new { id = notification.Id, now }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!first)
        {
            return false;
        }
        await InsertAsync(connection, transaction, notification, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake(notifyOtherInstances: true);
        return true;
    }

    /// <summary>The notification, its feed entries and its deliveries, inside the caller's transaction, in one round trip.</summary>
    public static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Notification notification, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organizations = notification.EntitledOrganizations.Distinct().ToArray();
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into notifications (id, type, urgent, body, created_at) values (@id, @type, @urgent, @body, @now)
            on conflict do nothing;
            insert into feed_entries (organization_id, notification_id)
            select organization_id, @id from unnest(@organizations) as organization_id
            on conflict do nothing;
            insert into deliveries (id, endpoint_id, notification_id, status, urgent, window_started_at, next_attempt_at, created_at)
            select gen_random_uuid(), e.id, @id, 'pending', @urgent, @now, @now, @now
            from endpoints e
            where e.organization_id = any(@organizations) and @type = any(e.event_types)
            on conflict (endpoint_id, notification_id) do nothing;
            """,
            new { id = notification.Id, type = notification.Type, urgent = notification.Urgent, body = notification.ToCloudEventJson(), now, organizations },
            transaction, cancellationToken: cancellationToken));
    }
}
