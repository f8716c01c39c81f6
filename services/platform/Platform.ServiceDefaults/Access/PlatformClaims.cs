namespace Platform.ServiceDefaults.Access;

/// <summary>
/// The claims of a platform access token (RFC 9068 plus the platform's own). Names are the JWT
/// names as issued: inbound claim mapping is off, so what identity writes is what services read.
/// </summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Roles = "roles";
    public const string OrganizationId = "org_id";
    public const string OrganizationKind = "org_kind";

    /// <summary>The partner's staff member the client acted for (the <c>on_behalf_of</c> token request parameter).</summary>
    public const string OnBehalfOf = "on_behalf_of";

    /// <summary>Organizations an auditor organization is assigned to audit: its recorded, read-only grant.</summary>
    public const string Audits = "audits";
}
