using Identity.Clients;
using Identity.Organizations;
using Identity.SigningKeys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Access;

namespace Identity.Tokens;

/// <summary>RFC 9068 JWT access tokens: <c>typ: at+jwt</c>, the client as subject, plus the organization, roles and grants services authorize by.</summary>
public sealed class AccessTokens(SigningKeyStore keys, IOptions<TokenSettings> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async Task<(string Token, TimeSpan Lifetime)> IssueAsync(
        RegisteredClient client, IReadOnlyList<string> scopes, string? onBehalfOf, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [PlatformClaims.Subject] = client.ClientId,
            [PlatformClaims.ClientId] = client.ClientId,
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString(),
            [PlatformClaims.Scope] = string.Join(' ', scopes),
            [PlatformClaims.OrganizationId] = client.OrganizationId.ToString(),
            [PlatformClaims.OrganizationKind] = Enum.Parse<OrganizationKind>(client.OrganizationKind).Name(),
            [PlatformClaims.Roles] = client.Roles,
        };
        if (client.AuditedOrganizations.Length > 0)
        {
            claims[PlatformClaims.Audits] = client.AuditedOrganizations.Select(id => id.ToString()).ToArray();
        }
        if (onBehalfOf is not null)
        {
            claims[PlatformClaims.OnBehalfOf] = onBehalfOf;
        }
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = settings.Issuer,
            Audience = PlatformAccess.DefaultAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(await keys.CurrentAsync(cancellationToken), SigningKeyStore.Algorithm),
        });
        return (token, settings.TokenLifetime);
    }
}
