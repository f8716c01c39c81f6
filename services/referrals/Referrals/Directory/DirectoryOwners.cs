using Dapper;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals.Directory;

/// <summary>
/// Which organization each kind of directory entry belongs to, for the organization check: only
/// the owner changes an entry; another organization gets 404 as for an entry that does not exist.
/// </summary>
public abstract class DirectoryOwners(NpgsqlDataSource database, string sql) : IResourceOwners
{
    public abstract string ResourceType { get; }

    public async ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var id))
        {
            return null;
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
        return owner?.ToString();
    }
}

public sealed class DirectoryOrganizationOwners(NpgsqlDataSource database)
    : DirectoryOwners(database, "select organization_id from directory_organizations where organization_id = @id")
{
    public const string Type = "directory-organization";

    public override string ResourceType => Type;
}

public sealed class DirectoryServiceOwners(NpgsqlDataSource database)
    : DirectoryOwners(database, "select organization_id from directory_services where service_id = @id")
{
    public const string Type = "directory-service";

    public override string ResourceType => Type;
}

public sealed class DirectoryLocationOwners(NpgsqlDataSource database)
    : DirectoryOwners(database, "select organization_id from directory_locations where location_id = @id")
{
    public const string Type = "directory-location";

    public override string ResourceType => Type;
}
