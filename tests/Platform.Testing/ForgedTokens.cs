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
                ["sub"] = "forger",
                ["client_id"] = "forger",
                ["jti"] = Guid.NewGuid().ToString(),
                ["scope"] = scope,
                ["org_id"] = organizationId,
                ["org_kind"] = "school",
                ["roles"] = new[] { "caseworker" },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
    }

    public static string Sign(SecurityTokenDescriptor descriptor) => Handler.CreateToken(descriptor);

    /// <summary>The named ways to be wrong, each applied to a fresh valid descriptor signed with the real key.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Func<SecurityTokenDescriptor>, string>> Kinds =
        new Dictionary<string, Func<Func<SecurityTokenDescriptor>, string>>
        {
            ["expired"] = valid => With(valid, d => (d.IssuedAt, d.NotBefore, d.Expires) = (Minutes(-20), Minutes(-20), Minutes(-10))),
            ["not yet valid"] = valid => With(valid, d => (d.NotBefore, d.Expires) = (Minutes(10), Minutes(20))),
            ["for another audience"] = valid => With(valid, d => d.Audience = "another-api"),
            ["from another issuer"] = valid => With(valid, d => d.Issuer = "https://issuer.example"),
            ["tampered with"] = valid => Tamper(Sign(valid())),
            ["signed with an unknown key"] = valid => With(valid, d => d.SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = d.SigningCredentials.Key.KeyId },
                SecurityAlgorithms.EcdsaSha256)),
            ["unsigned with alg none"] = valid => Unsigned(Sign(valid())),
            ["not an access token (typ JWT)"] = valid => With(valid, d => d.TokenType = "JWT"),
        };

    private static DateTime Minutes(int minutes) => DateTime.UtcNow.AddMinutes(minutes);

    private static string With(Func<SecurityTokenDescriptor> valid, Action<SecurityTokenDescriptor> change)
    {
        var descriptor = valid();
        change(descriptor);
        return Sign(descriptor);
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
