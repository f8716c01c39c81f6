using Dapper;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Notifications.Endpoints;

/// <summary>A webhook endpoint belongs to the organization that registered it; any other gets 404.</summary>
public sealed class EndpointOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "webhook-endpoint";

    public string ResourceType => Type;

    public async ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var id))
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select organization_id from endpoints where id = @id", new { id }, cancellationToken: cancellationToken));
        return owner?.ToString();
    }
}
