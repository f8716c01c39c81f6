using Dapper;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Identity.Organizations;

/// <summary>An organization's registration belongs to the organization itself.</summary>
public sealed class OrganizationOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "organization";

    public string ResourceType => Type;

    public async ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var id))
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select id from organizations where id = @id", new { id }, cancellationToken: cancellationToken));
        return found?.ToString();
    }
}
