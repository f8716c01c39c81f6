using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Testing;

/// <summary>
/// Tokens a validator must refuse, each wrong in exactly one way against a valid
/// <see cref="Template"/> made with identity's real signing key.
/// </summary>
public static class ForgedTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>A token like identity's for a partner client, signed with <paramref name="key"/>.</summary>
    public static SecurityTokenDescriptor Template(SecurityKey key, string issuer, string scope, string organizationId)
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            TokenType = "at+jwt",
            Issuer = issuer,
            Audience = "platform-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "forger", ["client_id"] = "forger", ["jti"] = Guid.NewGuid().ToString(), ["scope"] = scope,
                ["org_id"] = organizationId, ["org_kind"] = "school", ["roles"] = new[] { "caseworker" },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
    }

    public static string Sign(SecurityTokenDescriptor descriptor) => Handler.CreateToken(descriptor);

    /// <summary>The named ways to be wrong, from a valid template signed with the real key.</summary>
    public static IReadOnlyDictionary<string, string> All(Func<SecurityTokenDescriptor> valid)
    {
        string With(Action<SecurityTokenDescriptor> change)
        {
            var descriptor = valid();
            change(descriptor);
            return Sign(descriptor);
        }
        var now = DateTime.UtcNow;
        return new Dictionary<string, string>
        {
            ["expired"] = With(d => (d.IssuedAt, d.NotBefore, d.Expires) = (now.AddMinutes(-20), now.AddMinutes(-20), now.AddMinutes(-10))),
            ["not yet valid"] = With(d => (d.NotBefore, d.Expires) = (now.AddMinutes(10), now.AddMinutes(20))),
            ["another audience"] = With(d => d.Audience = "another-api"),
            ["another issuer"] = With(d => d.Issuer = "https://issuer.example"),
            ["tampered"] = Tamper(Sign(valid())),
            ["unknown key"] = With(d => d.SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = d.SigningCredentials.Key.KeyId },
                SecurityAlgorithms.EcdsaSha256)),
            ["alg none"] = Unsigned(Sign(valid())),
            ["not an access token"] = With(d => d.TokenType = "JWT"),
        };
    }

    // The payload's scope widened after signing: the signature no longer matches.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"scope\":\"", "\"scope\":\"identity.admin ", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    // The same claims, header alg "none", no signature (RFC 7519 §6.1): the oldest JWT forgery.
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"));
        return $"{header}.{parts[1]}.";
    }
}
