using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Referrals.Directory.Services;

/// <summary>
/// <c>POST /api/referrals/directory/services</c> publishes a service of the caller's organization (which
/// must have published its profile first); <c>PUT .../services/{serviceId}</c> replaces one (If-Match).
/// Services are never deleted, since referrals name them: one that is no longer offered is set inactive.
/// </summary>
public static class PublishingServices
{
    public const string Resource = "service";
    public const int MaxPerOrganization = 200;

    public static async Task<Results<Created<ServiceView>, ProblemHttpResult>> PublishAsync(
        ServiceRequest request, HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var write = await DirectoryWrite.BeginAsync(http, database, time, cancellationToken);
        var errors = new FieldErrors();
        if (await ValidateAsync(write, request, errors, cancellationToken) is not ({ } details, { } locationIds))
        {
            return DirectoryProblems.Invalid(errors);
        }
        // Locks the profile's row: serializes the organization's publications (the limit holds) and keeps the profile there.
        var profile = await write.ScalarAsync<long?>(
            "select version from directory_organizations where organization_id = @organizationId for update", new { organizationId = write.OrganizationId }, cancellationToken);
        if (profile is null)
        {
            return DirectoryProblems.Conflict("Publish your organization's directory profile first: PUT /api/referrals/directory/organization.");
        }
        var count = await write.ScalarAsync<long>(
            "select count(*) from directory_services where organization_id = @organizationId", new { organizationId = write.OrganizationId }, cancellationToken);
        if (count >= MaxPerOrganization)
        {
            return DirectoryProblems.Conflict($"An organization publishes at most {MaxPerOrganization} services; set one inactive and change it instead.");
        }
        var serviceId = Guid.CreateVersion7(write.Now);
        await SaveAsync(write, serviceId, details, locationIds, version: 1, cancellationToken);

        http.Response.Headers.ETag = RowVersions.ETag(1);
        var published = await DirectoryReads.ServiceAsync(database, serviceId, cancellationToken);
        return TypedResults.Created($"/api/referrals/directory/services/{serviceId}", ServiceView.For(published!, write.OrganizationId));
    }

    public static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> ReviseAsync(
        Guid serviceId, ServiceRequest request, HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var write = await DirectoryWrite.BeginAsync(http, database, time, cancellationToken);
        var errors = new FieldErrors();
        if (await ValidateAsync(write, request, errors, cancellationToken) is not ({ } details, { } locationIds))
        {
            return DirectoryProblems.Invalid(errors);
        }
        // The organization check let only the owner through, and services are never deleted.
        var current = await write.LockVersionAsync("directory_services", "service_id", serviceId, cancellationToken);
        if (DirectoryWrites.Precondition(http.Request, current, Resource) is { } refused)
        {
            return refused;
        }
        var version = current!.Value + 1;
        await SaveAsync(write, serviceId, details, locationIds, version, cancellationToken);

        http.Response.Headers.ETag = RowVersions.ETag(version);
        var revised = await DirectoryReads.ServiceAsync(database, serviceId, cancellationToken);
        return TypedResults.Ok(ServiceView.For(revised!, write.OrganizationId));
    }

    /// <summary>A valid request's details and locations, or null with every error in <paramref name="errors"/>: the form's, and location ids not of the caller's own.</summary>
    private static async Task<(ServiceDetails Details, IReadOnlyList<Guid> LocationIds)?> ValidateAsync(
        DirectoryWrite write, ServiceRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var valid = ServiceDetails.From(request, errors);
        var ids = request.LocationIds ?? [];
        var own = ids.Count is 0 or > ServiceDetails.MaxLocations ? [] : (await write.QueryAsync<Guid>(
            "select location_id from directory_locations where organization_id = @organizationId and location_id = any(@ids)",
            new { organizationId = write.OrganizationId, ids = ids.ToArray() }, cancellationToken)).ToHashSet();
        for (var i = 0; i < ids.Count && ids.Count <= ServiceDetails.MaxLocations; i++)
        {
            if (!own.Contains(ids[i]))
            {
                // The same words whether the location does not exist or is another organization's: ids reveal nothing.
                errors.AddUnprocessable($"locationIds[{i}]", "Not a location of your organization: add it with POST /api/referrals/directory/locations.");
            }
        }
        return errors.Any ? null : valid;
    }

    private static async Task SaveAsync(
        DirectoryWrite write, Guid serviceId, ServiceDetails details, IReadOnlyList<Guid> locationIds, long version, CancellationToken cancellationToken)
    {
        var document = DirectoryWrites.Document(details);
        await write.ExecuteAsync("""
            insert into directory_services (service_id, organization_id, name, description, status, taxonomy_codes, languages, details, version, updated_at)
            values (@serviceId, @organizationId, @name, @description, @status, @taxonomyCodes, @languages, @document::jsonb, @version, @now)
            on conflict (service_id) do update set name = excluded.name, description = excluded.description, status = excluded.status,
                taxonomy_codes = excluded.taxonomy_codes, languages = excluded.languages, details = excluded.details,
                version = excluded.version, updated_at = excluded.updated_at
            """, new
        {
            serviceId,
            organizationId = write.OrganizationId,
            name = details.Name,
            description = details.Description,
            status = details.Status,
            taxonomyCodes = details.TaxonomyCodes.ToArray(),
            languages = details.Languages.ToArray(),
            document,
            version,
            now = write.Now,
        }, cancellationToken);
        // A location kept keeps its service_at_location id, so HSDS consumers can rely on it.
        await write.ExecuteAsync("""
            delete from directory_service_locations where service_id = @serviceId and location_id <> all(@locationIds);
            insert into directory_service_locations (id, service_id, location_id, position)
            select gen_random_uuid(), @serviceId, location_id, position::integer
            from unnest(@locationIds) with ordinality as given (location_id, position)
            on conflict (service_id, location_id) do update set position = excluded.position;
            """, new { serviceId, locationIds = locationIds.ToArray() }, cancellationToken);
        await write.RecordChangeAsync(Resource, serviceId, version, DirectoryWrites.Document(new { details, locationIds }), cancellationToken);
        await write.CommitAsync(cancellationToken);
    }
}
