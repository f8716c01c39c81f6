using Dapper;
using Npgsql;

namespace Notifications.Endpoints;

/// <summary>A secret as listed: when it was made and until when it signs; the secret itself is shown only once.</summary>
public sealed record SecretView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>An endpoint as its organization sees it.</summary>
public sealed record EndpointView(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, string Status,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, IReadOnlyList<SecretView> Secrets);

public static class EndpointQueries
{
    // Dapper fills classes by property; a positional record would have to match the reader's types exactly.
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string[] EventTypes { get; init; } = [];
        public string? Description { get; init; }
        public string Status { get; init; } = "";
        public DateTime? FailingSince { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    private sealed class SecretRow
    {
        public Guid Id { get; init; }
        public Guid EndpointId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? ExpiresAt { get; init; }
    }

    /// <summary>The organization's endpoints (or the one with <paramref name="endpointId"/>) with their active secrets.</summary>
    public static async Task<IReadOnlyList<EndpointView>> ListAsync(
        NpgsqlConnection connection, Guid organizationId, Guid? endpointId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition("""
            select id as "Id", url as "Url", event_types as "EventTypes", description as "Description", status as "Status",
                   failing_since as "FailingSince", created_at as "CreatedAt"
            from endpoints where organization_id = @organizationId and (@endpointId::uuid is null or id = @endpointId)
            order by created_at
            """, new { organizationId, endpointId }, cancellationToken: cancellationToken))).ToList();
        var ids = rows.Select(row => row.Id).ToArray();
        var secrets = (await connection.QueryAsync<SecretRow>(new CommandDefinition("""
            select id as "Id", endpoint_id as "EndpointId", created_at as "CreatedAt", expires_at as "ExpiresAt"
            from endpoint_secrets where endpoint_id = any(@ids) and (expires_at is null or expires_at > @now)
            order by created_at
            """, new { ids, now }, cancellationToken: cancellationToken))).ToLookup(secret => secret.EndpointId);
        return [.. rows.Select(row => new EndpointView(row.Id, row.Url, row.EventTypes, row.Description, row.Status,
            Utc(row.FailingSince), Utc(row.CreatedAt),
            [.. secrets[row.Id].Select(secret => new SecretView(secret.Id, Utc(secret.CreatedAt), Utc(secret.ExpiresAt)))]))];
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
