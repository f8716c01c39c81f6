using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Delivering;
using Notifications.Endpoints;
using Npgsql;

namespace Notifications.Replaying;

/// <summary>Exactly one of: a delivery of this endpoint, or every notification of its types since a time.</summary>
public sealed record ReplayRequest(Guid? DeliveryId, DateTimeOffset? Since);

public sealed record ReplayAccepted(int Deliveries);

/// <summary>
/// Sends again, with the same <c>webhook-id</c>s (a partner deduplicates as on any retry): one
/// delivery, or everything of the endpoint's types in its organization's feed since a time,
/// including notifications recorded before the endpoint existed.
/// </summary>
public static class Replay
{
    public static async Task<Results<Accepted<ReplayAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid endpointId, ReplayRequest request, NpgsqlDataSource dataSource, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if ((request.DeliveryId is null) == (request.Since is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["deliveryId"] = ["Give either deliveryId or since."],
                ["since"] = ["Give either deliveryId or since."],
            });
        }
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        int replayed;
        if (request.DeliveryId is { } deliveryId)
        {
            replayed = await connection.ExecuteAsync(new CommandDefinition("""
                update deliveries set status = 'pending', window_started_at = @now, next_attempt_at = @now, completed_at = null
                where id = @deliveryId and endpoint_id = @endpointId
                """, new { deliveryId, endpointId, now }, cancellationToken: cancellationToken));
            if (replayed == 0)
            {
                return Problems.NotFound($"Endpoint {endpointId} has no delivery {deliveryId}.");
            }
        }
        else
        {
            replayed = await connection.ExecuteAsync(new CommandDefinition("""
                insert into deliveries (id, endpoint_id, notification_id, status, urgent, window_started_at, next_attempt_at, created_at)
                select gen_random_uuid(), e.id, n.id, 'pending', n.urgent, @now, @now, @now
                from endpoints e
                join feed_entries f on f.organization_id = e.organization_id
                join notifications n on n.id = f.notification_id
                where e.id = @endpointId and n.created_at >= @since and n.type = any(e.event_types)
                on conflict (endpoint_id, notification_id) do update
                    set status = 'pending', window_started_at = @now, next_attempt_at = @now, completed_at = null
                """, new { endpointId, since = request.Since!.Value.ToUniversalTime(), now }, cancellationToken: cancellationToken));
        }
        signal.Wake(notifyOtherInstances: true);
        return TypedResults.Accepted($"/api/notifications/endpoints/{endpointId}/deliveries", new ReplayAccepted(replayed));
    }
}
