using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Delivering;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Notifications.Endpoints.Pausing;

/// <summary>
/// Pausing holds deliveries (they keep being recorded); resuming (also of an endpoint disabled for
/// failing) sends what waited, with a fresh retry window so nothing held is dead-lettered for the pause.
/// </summary>
public static class PauseEndpoint
{
    public static Task<Results<Ok<EndpointView>, ProblemHttpResult>> PauseAsync(
        Guid endpointId, HttpContext context, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken) =>
        SetAsync(endpointId, "paused", context, dataSource, time, signal: null, cancellationToken);

    public static Task<Results<Ok<EndpointView>, ProblemHttpResult>> ResumeAsync(
        Guid endpointId, HttpContext context, NpgsqlDataSource dataSource, TimeProvider time, DeliverySignal signal, CancellationToken cancellationToken) =>
        SetAsync(endpointId, "active", context, dataSource, time, signal, cancellationToken);

    private static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> SetAsync(
        Guid endpointId, string status, HttpContext context, NpgsqlDataSource dataSource, TimeProvider time, DeliverySignal? signal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "update endpoints set status = @status, failing_since = null, updated_at = @now where id = @endpointId and status <> @status",
            new { endpointId, status, now }, transaction, cancellationToken: cancellationToken));
        if (changed == 1 && status == "active")
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                update deliveries set window_started_at = @now, next_attempt_at = least(next_attempt_at, @now)
                where endpoint_id = @endpointId and status = 'pending'
                """, new { endpointId, now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        signal?.Wake(notifyOtherInstances: true);
        var organizationId = Guid.Parse(context.GetCaller().OrganizationId);
        var view = await EndpointQueries.ListAsync(connection, organizationId, endpointId, now, cancellationToken);
        return view.Count == 1 ? TypedResults.Ok(view[0]) : Problems.NotFound($"No endpoint {endpointId}.");
    }
}
