using Dapper;
using Npgsql;

namespace Identity.Clients;

/// <summary>What the token endpoint needs to know about a client: its organization, grants and active secrets.</summary>
/// <remarks>Properties, not a positional record: Dapper matches constructors by exact column types, and arrays come back as System.Array.</remarks>
public sealed record RegisteredClient
{
    public required string ClientId { get; init; }
    public required string[] Scopes { get; init; }
    public required string[] Roles { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrganizationKind { get; init; }
    public required byte[][] SecretHashes { get; init; }
    public required Guid[] AuditedOrganizations { get; init; }
}

public sealed record NewClient(string ClientId, Guid OrganizationId, string Name, string[] Scopes, string[] Roles);

/// <summary>The clients and secrets tables: registering, finding and rotating.</summary>
public static class ClientDirectory
{
    public static async Task<RegisteredClient?> FindAsync(NpgsqlDataSource dataSource, string clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RegisteredClient>(new CommandDefinition(
            """
            select c.client_id as ClientId, c.scopes as Scopes, c.roles as Roles,
                   o.id as OrganizationId, o.kind as OrganizationKind,
                   array(select s.hash from client_secrets s where s.client_id = c.client_id and s.revoked_at is null) as SecretHashes,
                   array(select a.organization_id from auditor_assignments a where a.auditor_organization_id = o.id) as AuditedOrganizations
            from clients c join organizations o on o.id = c.organization_id
            where c.client_id = @clientId
            """, new { clientId }, cancellationToken: cancellationToken));
    }

    /// <summary>Registers a client with one active secret and returns that secret: the only time it is ever seen.</summary>
    public static async Task<string> RegisterAsync(
        NpgsqlConnection connection, NewClient client, DateTimeOffset now, CancellationToken cancellationToken, string? secret = null)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into clients (client_id, organization_id, name, scopes, roles, created_at)
            values (@ClientId, @OrganizationId, @Name, @Scopes, @Roles, @now)
            """, new { client.ClientId, client.OrganizationId, client.Name, client.Scopes, client.Roles, now },
            cancellationToken: cancellationToken));
        return (await AddSecretAsync(connection, client.ClientId, now, cancellationToken, secret)).Secret;
    }

    /// <summary>Adds an active secret; the client's other secrets keep working until revoked.</summary>
    public static async Task<(Guid SecretId, string Secret)> AddSecretAsync(
        NpgsqlConnection connection, string clientId, DateTimeOffset now, CancellationToken cancellationToken, string? secret = null)
    {
        secret ??= ClientSecrets.New();
        var secretId = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into client_secrets (id, client_id, hash, created_at) values (@secretId, @clientId, @hash, @now)",
            new { secretId, clientId, hash = ClientSecrets.Hash(secret), now }, cancellationToken: cancellationToken));
        return (secretId, secret);
    }
}
