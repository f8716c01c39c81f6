using Dapper;
using Npgsql;

namespace Identity.Organizations;

public sealed record Organization(Guid Id, string Name, string Kind);

/// <summary>A client as its organization sees it: never a secret, only how many are active.</summary>
public sealed record ClientSummary
{
    public required string ClientId { get; init; }
    public required string Name { get; init; }
    public required string[] Scopes { get; init; }
    public required string[] Roles { get; init; }
    public required long ActiveSecrets { get; init; }
}

/// <summary>The organizations table and the auditor assignments between organizations.</summary>
public static class OrganizationDirectory
{
    public static async Task<Organization?> FindAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<Organization>(new CommandDefinition(
            "select id, name, kind from organizations where id = @id", new { id }, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<Organization>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<Organization>(new CommandDefinition(
            "select id, name, kind from organizations order by name", cancellationToken: cancellationToken))];

    public static async Task<IReadOnlyList<ClientSummary>> ClientsAsync(NpgsqlConnection connection, Guid organizationId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<ClientSummary>(new CommandDefinition(
            """
            select c.client_id as ClientId, c.name, c.scopes, c.roles,
                   (select count(*) from client_secrets s where s.client_id = c.client_id and s.revoked_at is null) as ActiveSecrets
            from clients c where c.organization_id = @organizationId order by c.client_id
            """, new { organizationId }, cancellationToken: cancellationToken))];

    public static async Task<Organization> RegisterAsync(
        NpgsqlConnection connection, string name, OrganizationKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organization = new Organization(Guid.CreateVersion7(), name, kind.ToString());
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into organizations (id, name, kind, created_at) values (@Id, @Name, @Kind, @now)",
            new { organization.Id, organization.Name, organization.Kind, now }, cancellationToken: cancellationToken));
        return organization;
    }

    /// <summary>Records that <paramref name="auditorId"/> audits <paramref name="organizationId"/>; its next tokens carry the grant.</summary>
    public static Task AssignAuditorAsync(
        NpgsqlConnection connection, Guid auditorId, Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            insert into auditor_assignments (auditor_organization_id, organization_id, assigned_at)
            values (@auditorId, @organizationId, @now) on conflict do nothing
            """, new { auditorId, organizationId, now }, cancellationToken: cancellationToken));
}
