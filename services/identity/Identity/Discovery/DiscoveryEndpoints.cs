using System.Text.Json.Serialization;
using Identity.SigningKeys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Access;

namespace Identity.Discovery;

/// <summary>
/// OpenID discovery and the JWKS: what any validator (every service, a partner) needs to check
/// a token. Endpoint addresses are built from the address the caller used, so services reading it
/// directly and partners reading it through the gateway each get addresses they can reach.
/// </summary>
public static class DiscoveryEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";

    private static readonly string[] GrantTypes = ["client_credentials"];
    private static readonly string[] AuthMethods = ["client_secret_basic", "client_secret_post"];
    private static readonly string[] ResponseTypes = ["token"];
    private static readonly string[] Algorithms = [SigningKeyStore.Algorithm];

    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpRequest request, IOptions<TokenSettings> settings) =>
        {
            var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
            return TypedResults.Ok(new DiscoveryDocument(
                settings.Value.Issuer, origin + "/connect/token", origin + JwksPath, GrantTypes, AuthMethods, Scopes.All, ResponseTypes, Algorithms));
        }).WithName("OpenIdConfiguration").AllowPublicAccess();

        app.MapGet(JwksPath, async (SigningKeyStore keys, CancellationToken cancellationToken) =>
        {
            var published = await keys.PublishedAsync(cancellationToken);
            return TypedResults.Ok(new { keys = published.Select(Jwk) });
        }).WithName("Jwks").AllowPublicAccess();
    }

    private static Dictionary<string, string> Jwk(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        return new()
        {
            ["kty"] = jwk.Kty,
            ["use"] = "sig",
            ["alg"] = SigningKeyStore.Algorithm,
            ["kid"] = key.KeyId,
            ["crv"] = jwk.Crv,
            ["x"] = jwk.X,
            ["y"] = jwk.Y,
        };
    }
}

/// <summary>The OpenID Provider Metadata members a client-credentials issuer has.</summary>
public sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> IdTokenSigningAlgValuesSupported);
