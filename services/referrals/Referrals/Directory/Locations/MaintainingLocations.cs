using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals.Directory.Locations;

/// <summary>A location with its version (the ETag a change names in If-Match): only its own organization gets this.</summary>
public sealed record OwnLocation(LocationView Location, long Version, DateTimeOffset UpdatedAt);

public sealed record OwnLocations(IReadOnlyList<OwnLocation> Items);

/// <summary>
/// An organization's own locations: <c>POST /api/referrals/directory/locations</c>,
/// <c>PUT .../locations/{locationId}</c> (If-Match) and <c>GET .../locations</c> (its own only: others
/// see a location only inside the services offered there, confidential ones without their details).
/// </summary>
public static class MaintainingLocations
{
    public const string Resource = "location";
    public const int MaxPerOrganization = 200;

    public static async Task<Results<Created<OwnLocation>, ProblemHttpResult>> AddAsync(
        LocationRequest request, HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FieldErrors.Validate(request, LocationDetails.From, out var invalid) is not { } details)
        {
            return invalid!;
        }
        await using var write = await DirectoryWrite.BeginAsync(http, database, time, cancellationToken);
        // Serializes an organization's additions, so the limit holds under concurrent requests.
        await write.LockOrganizationAsync("locations", cancellationToken);
        var count = await write.ScalarAsync<long>(
            "select count(*) from directory_locations where organization_id = @organizationId", new { organizationId = write.OrganizationId }, cancellationToken);
        if (count >= MaxPerOrganization)
        {
            return DirectoryProblems.Conflict($"An organization lists at most {MaxPerOrganization} locations; change one instead.");
        }
        var location = new StoredLocation(Guid.CreateVersion7(write.Now), write.OrganizationId, details, 1, write.Now);
        await SaveAsync(write, location, cancellationToken);

        http.Response.Headers.ETag = RowVersions.ETag(location.Version);
        return TypedResults.Created($"/api/referrals/directory/locations/{location.Id}", Own(location));
    }

    public static async Task<Results<Ok<OwnLocation>, ProblemHttpResult>> ReplaceAsync(
        Guid locationId, LocationRequest request, HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FieldErrors.Validate(request, LocationDetails.From, out var invalid) is not { } details)
        {
            return invalid!;
        }
        await using var write = await DirectoryWrite.BeginAsync(http, database, time, cancellationToken);
        // The organization check let only the owner through, and locations are never deleted.
        var current = await write.LockVersionAsync("directory_locations", "location_id", locationId, cancellationToken);
        if (DirectoryWrites.Precondition(http.Request, current, Resource) is { } refused)
        {
            return refused;
        }
        var location = new StoredLocation(locationId, write.OrganizationId, details, current!.Value + 1, write.Now);
        await SaveAsync(write, location, cancellationToken);

        http.Response.Headers.ETag = RowVersions.ETag(location.Version);
        return TypedResults.Ok(Own(location));
    }

    private static async Task SaveAsync(DirectoryWrite write, StoredLocation location, CancellationToken cancellationToken)
    {
        var document = DirectoryWrites.Document(location.Details);
        await write.ExecuteAsync("""
            insert into directory_locations (location_id, organization_id, confidential, details, version, updated_at)
            values (@Id, @OrganizationId, @confidential, @document::jsonb, @Version, @UpdatedAt)
            on conflict (location_id) do update set confidential = excluded.confidential, details = excluded.details,
                version = excluded.version, updated_at = excluded.updated_at
            """, new { location.Id, location.OrganizationId, confidential = location.Details.Confidential, document, location.Version, location.UpdatedAt },
            cancellationToken);
        await write.RecordChangeAsync(Resource, location.Id, location.Version, document, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    public static async Task<Ok<OwnLocations>> ListAsync(HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var organizationId = Guid.Parse(http.GetCaller().OrganizationId);
        var locations = await DirectoryReads.LocationsOfAsync(database, organizationId, cancellationToken);
        return TypedResults.Ok(new OwnLocations([.. locations.Select(Own)]));
    }

    private static OwnLocation Own(StoredLocation location) =>
        new(LocationView.For(location, location.OrganizationId), location.Version, location.UpdatedAt);
}
