using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// How an endpoint declares its access policy, one call per endpoint (or route group):
/// <code>
/// cases.MapGet("/{caseId}", GetCase).RequireOrganizationAccess("case", "caseId", Scopes.Cases);
/// intake.MapPost("/anonymous-reports", Submit).AllowPublicAccess();
/// </code>
/// Scope and roles fail with 403 before anything is looked up; the organization check then
/// answers 404 for another organization's resource (see <see cref="OrganizationAccessFilter"/>).
/// </summary>
public static class EndpointAccess
{
    public static TBuilder AllowPublicAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(new AccessPolicy(AccessKind.Public));

    /// <summary>Any caller with <paramref name="scope"/> and every one of <paramref name="roles"/>; the endpoint serves only the caller's own organization.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder, string scope, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new AccessPolicy(AccessKind.Caller, scope, roles));

    /// <summary>
    /// The resource named by route parameter <paramref name="parameter"/> belongs to an organization
    /// (an <see cref="IResourceOwners"/> for <paramref name="resourceType"/> says which): only that
    /// organization, or a caller a recorded <see cref="IAccessGrants"/> allows, reaches the handler.
    /// </summary>
    public static RouteHandlerBuilder RequireOrganizationAccess(
        this RouteHandlerBuilder builder, string resourceType, string parameter, string scope, params string[] roles) =>
        builder.Require(new AccessPolicy(AccessKind.OrganizationResource, scope, roles, resourceType, parameter))
            .AddEndpointFilter(new OrganizationAccessFilter(resourceType, parameter));

    /// <summary>
    /// The resource named by route parameter <paramref name="parameter"/> is published by its organization
    /// to every partner: any caller with <paramref name="scope"/> reads it (one that does not exist is 404);
    /// for any other method only its organization, or a recorded grant, reaches the handler.
    /// </summary>
    public static RouteHandlerBuilder RequirePublishedAccess(
        this RouteHandlerBuilder builder, string resourceType, string parameter, string scope, params string[] roles) =>
        builder.Require(new AccessPolicy(AccessKind.PublishedResource, scope, roles, resourceType, parameter))
            .AddEndpointFilter(new OrganizationAccessFilter(resourceType, parameter, publishedForReading: true));

    /// <summary>The platform operator's endpoints: scope <c>identity.admin</c> and role <c>platform-admin</c>.</summary>
    public static TBuilder RequirePlatformAdministration<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Require(new AccessPolicy(AccessKind.PlatformAdministration, Scopes.IdentityAdmin, [Roles.PlatformAdmin]));

    private static TBuilder Require<TBuilder>(this TBuilder builder, AccessPolicy policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(context => Caller.From(context.User) is { } caller
                    && caller.Scopes.Contains(policy.Scope!)
                    && policy.RequiredRoles.All(caller.Roles.Contains))
                .Build())
            .WithMetadata(policy);
}
