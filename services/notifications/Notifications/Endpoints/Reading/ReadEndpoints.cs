using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Notifications.Endpoints.Reading;

/// <summary>One line of the delivery log: what happened on the wire, never the body.</summary>
public sealed record AttemptView(DateTimeOffset AttemptedAt, int? StatusCode, double LatencyMs, string Outcome);

public sealed record DeliveryView(
    Guid Id, Guid NotificationId, string Type, string Status, bool Urgent, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, IReadOnlyList<AttemptView> AttemptLog);

public static class ReadEndpoints
{
    public static async Task<Ok<IReadOnlyList<EndpointView>>> ListAsync(
        HttpContext context, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok(await EndpointQueries.ListAsync(
            connection, Guid.Parse(context.GetCaller().OrganizationId), null, time.GetUtcNow(), cancellationToken));
    }

    // The organization access filter has already said the endpoint is the caller's (or an assigned auditor's to read).
    public static async Task<Results<Ok<EndpointView>, ProblemHttpResult>> GetAsync(
        Guid endpointId, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select organization_id from endpoints where id = @endpointId", new { endpointId }, cancellationToken: cancellationToken));
        var view = owner is { } organizationId
            ? await EndpointQueries.ListAsync(connection, organizationId, endpointId, time.GetUtcNow(), cancellationToken)
            : [];
        return view.Count == 1 ? TypedResults.Ok(view[0]) : Problems.NotFound($"No endpoint {endpointId}.");
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }
        public Guid NotificationId { get; init; }
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public bool Urgent { get; init; }
        public int Attempts { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public DateTime? CompletedAt { get; init; }
    }

    private sealed class AttemptRow
    {
        public Guid DeliveryId { get; init; }
        public DateTime AttemptedAt { get; init; }
        public int? StatusCode { get; init; }
        public double LatencyMs { get; init; }
        public string Outcome { get; init; } = "";
    }

    /// <summary>The newest deliveries first, each with its attempts; <c>status</c> filters (pending, delivered, dead).</summary>
    public static async Task<Results<Ok<IReadOnlyList<DeliveryView>>, ValidationProblem>> DeliveriesAsync(
        Guid endpointId, string? status, int? limit, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not (null or "pending" or "delivered" or "dead"))
        {
            errors["status"] = ["One of: pending, delivered, dead."];
        }
        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["From 1 to 500."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deliveries = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition("""
            select d.id as "Id", d.notification_id as "NotificationId", n.type as "Type", d.status as "Status", d.urgent as "Urgent",
                   d.attempts as "Attempts", d.created_at as "CreatedAt", d.next_attempt_at as "NextAttemptAt", d.completed_at as "CompletedAt"
            from deliveries d join notifications n on n.id = d.notification_id
            where d.endpoint_id = @endpointId and (@status::text is null or d.status = @status)
            order by d.created_at desc, d.id
            limit @limit
            """, new { endpointId, status, limit = limit ?? 100 }, cancellationToken: cancellationToken))).ToList();
        var ids = deliveries.Select(delivery => delivery.Id).ToArray();
        var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition("""
            select delivery_id as "DeliveryId", attempted_at as "AttemptedAt", status_code as "StatusCode", latency_ms as "LatencyMs", outcome as "Outcome"
            from delivery_attempts where delivery_id = any(@ids) order by id
            """, new { ids }, cancellationToken: cancellationToken))).ToLookup(attempt => attempt.DeliveryId);
        return TypedResults.Ok<IReadOnlyList<DeliveryView>>([.. deliveries.Select(d => new DeliveryView(
            d.Id, d.NotificationId, d.Type, d.Status, d.Urgent, d.Attempts, EndpointQueries.Utc(d.CreatedAt),
            d.Status == "pending" ? EndpointQueries.Utc(d.NextAttemptAt) : null, EndpointQueries.Utc(d.CompletedAt),
            [.. attempts[d.Id].Select(a => new AttemptView(EndpointQueries.Utc(a.AttemptedAt), a.StatusCode, a.LatencyMs, a.Outcome))]))]);
    }
}
