using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Referrals.Directory.Profiles;

/// <summary>
/// <c>PUT /api/referrals/directory/organization</c>: the caller's organization creates or replaces its
/// profile; the organization is the token's, never the body's. Replacing needs If-Match.
/// <c>GET /api/referrals/directory/organizations/{organizationId}</c>: any partner reads one.
/// </summary>
public static class PublishingProfile
{
    public const string Resource = "organization profile";

    public static async Task<Results<Ok<OrganizationProfileView>, Created<OrganizationProfileView>, ProblemHttpResult>> PutAsync(
        OrganizationProfileRequest request, HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FieldErrors.Validate(request, OrganizationProfile.From, out var invalid) is not { } profile)
        {
            return invalid!;
        }
        await using var write = await DirectoryWrite.BeginAsync(http, database, time, cancellationToken);
        // Two first publications at once: the second waits here, then finds the first's row.
        await write.LockOrganizationAsync("organization", cancellationToken);
        var current = await write.LockVersionAsync("directory_organizations", "organization_id", write.OrganizationId, cancellationToken);
        if (DirectoryWrites.Precondition(http.Request, current, Resource) is { } refused)
        {
            return refused;
        }
        var version = (current ?? 0) + 1;
        var document = DirectoryWrites.Document(profile);
        await write.ExecuteAsync("""
            insert into directory_organizations (organization_id, name, profile, version, updated_at)
            values (@organizationId, @name, @document::jsonb, @version, @now)
            on conflict (organization_id) do update set name = excluded.name, profile = excluded.profile,
                version = excluded.version, updated_at = excluded.updated_at
            """, new { organizationId = write.OrganizationId, name = profile.Name, document, version, now = write.Now }, cancellationToken);
        await write.RecordChangeAsync("organization", write.OrganizationId, version, document, cancellationToken);
        await write.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = RowVersions.ETag(version);
        var view = View(write.OrganizationId, profile, version, write.Now);
        return current is null
            ? TypedResults.Created($"/api/referrals/directory/organizations/{write.OrganizationId}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<OrganizationProfileView>, ProblemHttpResult>> GetAsync(
        Guid organizationId, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Profile, long Version, DateTime UpdatedAt)?>(new CommandDefinition(
            "select profile::text, version, updated_at from directory_organizations where organization_id = @organizationId",
            new { organizationId }, cancellationToken: cancellationToken));
        if (row is not { } found)
        {
            return DirectoryProblems.NotFound($"There is no directory profile for organization '{organizationId}'.");
        }
        http.Response.Headers.ETag = RowVersions.ETag(found.Version);
        return TypedResults.Ok(View(organizationId, DirectoryWrites.Read<OrganizationProfile>(found.Profile), found.Version,
            new DateTimeOffset(DateTime.SpecifyKind(found.UpdatedAt, DateTimeKind.Utc))));
    }

    private static OrganizationProfileView View(Guid organizationId, OrganizationProfile profile, long version, DateTimeOffset updatedAt) =>
        new(organizationId, profile.Name, profile.Description, profile.Email, profile.Url, profile.Languages, version, updatedAt);
}
