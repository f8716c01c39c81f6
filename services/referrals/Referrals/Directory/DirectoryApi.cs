using Platform.ServiceDefaults.Access;
using Referrals.Directory.Hsds;
using Referrals.Directory.Locations;
using Referrals.Directory.Profiles;
using Referrals.Directory.Services;

namespace Referrals.Directory;

/// <summary>
/// The service directory (<c>/api/referrals/directory</c>), scope <c>referrals</c>: every
/// organization maintains its own entries (role <c>caseworker</c>; the organization is the token's)
/// and any partner reads and searches them. Another organization's entry is a 404 to a write.
/// </summary>
public static class DirectoryApi
{
    public const string Prefix = "/api/referrals/directory";

    /// <summary>The directory's tables and who owns each entry.</summary>
    public static IHostApplicationBuilder AddDirectory(this IHostApplicationBuilder builder)
    {
        builder.AddDirectorySchema();
        builder.Services.AddResourceOwners<DirectoryOrganizationOwners>();
        builder.Services.AddResourceOwners<DirectoryServiceOwners>();
        builder.Services.AddResourceOwners<DirectoryLocationOwners>();
        return builder;
    }

    public static void MapDirectory(this IEndpointRouteBuilder app)
    {
        var directory = app.MapGroup(Prefix).WithTags("Service directory");
        directory.MapGet("/taxonomy", () => TypedResults.Ok(Taxonomy.Terms)).WithName("GetDirectoryTaxonomy").RequireCaller(Scopes.Referrals);

        directory.MapPut("/organization", PublishingProfile.PutAsync).WithName("PutDirectoryOrganization")
            .RequireCaller(Scopes.Referrals, Roles.Caseworker);
        directory.MapGet("/organizations/{organizationId:guid}", PublishingProfile.GetAsync).WithName("GetDirectoryOrganization")
            .RequirePublishedAccess(DirectoryOrganizationOwners.Type, "organizationId", Scopes.Referrals);

        directory.MapPost("/locations", MaintainingLocations.AddAsync).WithName("AddDirectoryLocation").RequireCaller(Scopes.Referrals, Roles.Caseworker);
        directory.MapGet("/locations", MaintainingLocations.ListAsync).WithName("ListOwnDirectoryLocations").RequireCaller(Scopes.Referrals);
        directory.MapPut("/locations/{locationId:guid}", MaintainingLocations.ReplaceAsync).WithName("PutDirectoryLocation")
            .RequireOrganizationAccess(DirectoryLocationOwners.Type, "locationId", Scopes.Referrals, Roles.Caseworker);

        directory.MapPost("/services", PublishingServices.PublishAsync).WithName("PublishDirectoryService").RequireCaller(Scopes.Referrals, Roles.Caseworker);
        directory.MapGet("/services", SearchingServices.SearchAsync).WithName("SearchDirectoryServices").RequireCaller(Scopes.Referrals);
        directory.MapGet("/services/{serviceId:guid}", ReadingServices.GetAsync).WithName("GetDirectoryService")
            .RequirePublishedAccess(DirectoryServiceOwners.Type, "serviceId", Scopes.Referrals);
        directory.MapPut("/services/{serviceId:guid}", PublishingServices.ReviseAsync).WithName("PutDirectoryService")
            .RequireOrganizationAccess(DirectoryServiceOwners.Type, "serviceId", Scopes.Referrals, Roles.Caseworker);

        directory.MapGet("/hsds/services", HsdsEndpoints.ListAsync).WithName("ListHsdsServices").RequireCaller(Scopes.Referrals);
        directory.MapGet("/hsds/services/{id:guid}", HsdsEndpoints.GetAsync).WithName("GetHsdsService")
            .RequirePublishedAccess(DirectoryServiceOwners.Type, "id", Scopes.Referrals);
    }
}
