using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Notifications.Endpoints.Deleting;

/// <summary>Deleting an endpoint drops its secrets, pending deliveries and log with it; the feed keeps the notifications.</summary>
public static class DeleteEndpoint
{
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid endpointId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "delete from endpoints where id = @endpointId", new { endpointId }, cancellationToken: cancellationToken));
        return deleted == 1 ? TypedResults.NoContent() : Problems.NotFound($"No endpoint {endpointId}.");
    }
}
