using Dapper;
using Npgsql;
using Referrals.Directory.Services;

namespace Referrals.Directory;

/// <summary>What the referral lifecycle needs to know of a directory service: who offers it, what it is, whether it is offered now.</summary>
public sealed record ServiceOffering(Guid ServiceId, Guid OrganizationId, string Name, IReadOnlyList<string> TaxonomyCodes, bool Active);

/// <summary>
/// The directory as the referral lifecycle reads it, in this service's own database: a referral
/// to an organization that does not offer the service (unknown, another organization's, or
/// inactive) is refused with it.
/// </summary>
public static class ServiceOfferings
{
    /// <summary>The service's offering, or null when the directory has no such service.</summary>
    public static async Task<ServiceOffering?> FindAsync(NpgsqlDataSource database, Guid serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(Guid OrganizationId, string Name, string[] TaxonomyCodes, string Status)?>(new CommandDefinition(
            "select organization_id, name, taxonomy_codes, status from directory_services where service_id = @serviceId",
            new { serviceId }, cancellationToken: cancellationToken));
        return row is { } found
            ? new ServiceOffering(serviceId, found.OrganizationId, found.Name, found.TaxonomyCodes, found.Status == ServiceDetails.Active)
            : null;
    }
}
