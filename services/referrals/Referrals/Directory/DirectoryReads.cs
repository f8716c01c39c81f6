using Dapper;
using Npgsql;
using Referrals.Directory.Locations;
using Referrals.Directory.Profiles;
using Referrals.Directory.Services;

namespace Referrals.Directory;

/// <summary>HSDS service_at_location: one service offered at one location, with an id of its own.</summary>
public sealed record PlacedLocation(Guid ServiceAtLocationId, StoredLocation Location);

/// <summary>A service as stored, with its organization's profile and the locations it is offered at, in the order given.</summary>
public sealed record StoredService(
    Guid Id, Guid OrganizationId, OrganizationProfile Organization, ServiceDetails Details, long Version, DateTimeOffset UpdatedAt,
    IReadOnlyList<PlacedLocation> Locations);

/// <summary>
/// Loads directory entries as stored. Nothing here decides who sees what: views do
/// (<see cref="LocationView.For"/>), so every read shape is built from the same records.
/// </summary>
public static class DirectoryReads
{
    public static async Task<IReadOnlyList<StoredLocation>> LocationsOfAsync(NpgsqlDataSource database, Guid organizationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LocationRow>(new CommandDefinition("""
            select location_id as Id, organization_id as OrganizationId, details::text as Details, version as Version, updated_at as UpdatedAt
            from directory_locations where organization_id = @organizationId order by location_id
            """, new { organizationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToStored())];
    }

    /// <summary>The services with these ids that exist, in the order of <paramref name="ids"/>.</summary>
    public static async Task<IReadOnlyList<StoredService>> ServicesAsync(NpgsqlDataSource database, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var services = await connection.QueryAsync<ServiceRow>(new CommandDefinition("""
            select s.service_id as Id, s.organization_id as OrganizationId, o.profile::text as Profile, s.details::text as Details,
                s.version as Version, s.updated_at as UpdatedAt
            from directory_services s join directory_organizations o on o.organization_id = s.organization_id
            where s.service_id = any(@ids)
            """, new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        var placed = (await connection.QueryAsync<PlacedRow>(new CommandDefinition("""
            select sl.service_id as ServiceId, sl.id as ServiceAtLocationId, l.location_id as Id, l.organization_id as OrganizationId,
                l.details::text as Details, l.version as Version, l.updated_at as UpdatedAt
            from directory_service_locations sl join directory_locations l on l.location_id = sl.location_id
            where sl.service_id = any(@ids)
            order by sl.service_id, sl.position
            """, new { ids = ids.ToArray() }, cancellationToken: cancellationToken)))
            .ToLookup(row => row.ServiceId, row => new PlacedLocation(row.ServiceAtLocationId, row.ToStored()));
        var byId = services.ToDictionary(row => row.Id, row => new StoredService(
            row.Id, row.OrganizationId, DirectoryWrites.Read<OrganizationProfile>(row.Profile), DirectoryWrites.Read<ServiceDetails>(row.Details),
            row.Version, Utc(row.UpdatedAt), [.. placed[row.Id]]));
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public static async Task<StoredService?> ServiceAsync(NpgsqlDataSource database, Guid id, CancellationToken cancellationToken) =>
        (await ServicesAsync(database, [id], cancellationToken)).SingleOrDefault();

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private sealed record LocationRow(Guid Id, Guid OrganizationId, string Details, long Version, DateTime UpdatedAt)
    {
        public StoredLocation ToStored() => new(Id, OrganizationId, DirectoryWrites.Read<LocationDetails>(Details), Version, Utc(UpdatedAt));
    }

    private sealed record ServiceRow(Guid Id, Guid OrganizationId, string Profile, string Details, long Version, DateTime UpdatedAt);

    private sealed record PlacedRow(Guid ServiceId, Guid ServiceAtLocationId, Guid Id, Guid OrganizationId, string Details, long Version, DateTime UpdatedAt)
    {
        public StoredLocation ToStored() => new(Id, OrganizationId, DirectoryWrites.Read<LocationDetails>(Details), Version, Utc(UpdatedAt));
    }
}
