namespace Platform.ServiceDefaults.Access;

public enum AccessKind
{
    /// <summary>Anyone, no token: discovery, the token endpoint, health, anonymous reports.</summary>
    Public,

    /// <summary>Any caller with the scope (and roles); the endpoint names no resource and answers only about the caller's own organization.</summary>
    Caller,

    /// <summary>One resource, named by a route parameter, that belongs to an organization: others get 404 unless a recorded grant allows them.</summary>
    OrganizationResource,

    /// <summary>
    /// One resource, named by a route parameter, that its organization publishes to every partner (a
    /// directory entry): any caller with the scope reads it; only the owner, or a recorded grant, changes it.
    /// </summary>
    PublishedResource,

    /// <summary>The platform operator's administration across all organizations.</summary>
    PlatformAdministration,

    /// <summary>A gateway route: the edge checks the token, the service behind it applies its own policy.</summary>
    Proxied,
}

/// <summary>
/// What an endpoint declares about who may call it. Every endpoint of a service must carry one
/// (an endpoint without it answers 500 and names itself in the log), and each is published in
/// the service's OpenAPI document as <c>x-platform-access</c>, which the BOLA matrix test reads.
/// </summary>
public sealed record AccessPolicy(
    AccessKind Kind,
    string? Scope = null,
    IReadOnlyList<string>? Roles = null,
    string? ResourceType = null,
    string? ResourceParameter = null)
{
    public const string OpenApiExtension = "x-platform-access";

    public IReadOnlyList<string> RequiredRoles => Roles ?? [];
}
