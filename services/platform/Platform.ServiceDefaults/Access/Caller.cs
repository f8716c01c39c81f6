using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Who is calling, from a validated access token: the API client, its organization and the staff
/// member it acts for. <see cref="ClientId"/>, <see cref="OrganizationId"/> and
/// <see cref="OnBehalfOf"/> are exactly the event store's <c>Actor</c> (Platform.Messaging's
/// <c>ToActor()</c> makes one), so every event records who caused it.
/// </summary>
public sealed record Caller(
    string ClientId,
    string OrganizationId,
    string OrganizationKind,
    string? OnBehalfOf,
    IReadOnlySet<string> Scopes,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> AuditedOrganizations)
{
    /// <summary>The caller of an authenticated principal; null for anyone without a complete platform token.</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || principal.FindFirstValue(PlatformClaims.ClientId) is not { Length: > 0 } clientId
            || principal.FindFirstValue(PlatformClaims.OrganizationId) is not { Length: > 0 } organizationId)
        {
            return null;
        }
        return new Caller(
            clientId,
            organizationId,
            principal.FindFirstValue(PlatformClaims.OrganizationKind) ?? "",
            principal.FindFirstValue(PlatformClaims.OnBehalfOf),
            (principal.FindFirstValue(PlatformClaims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            Values(principal, PlatformClaims.Roles),
            Values(principal, PlatformClaims.Audits));
    }

    private static HashSet<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).Select(claim => claim.Value).ToHashSet();
}

public static class CallerHttpContextExtensions
{
    /// <summary>The caller of an endpoint that declared an authenticated access policy (so it is never null there).</summary>
    public static Caller GetCaller(this HttpContext context) =>
        Caller.From(context.User) ?? throw new InvalidOperationException(
            "No platform caller on this request: the endpoint must declare an authenticated access policy.");
}
