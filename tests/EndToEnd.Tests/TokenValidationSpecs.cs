using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Every service checks tokens itself (by discovery against identity), and so does the gateway:
/// each forgery is refused with 401 by every service called directly and through the gateway.
/// </summary>
public sealed class TokenValidationSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    public static TheoryData<string> Forgeries => new(ForgedTokens.Kinds.Keys);

    [Fact]
    public async Task A_token_made_like_identitys_with_its_key_is_accepted_by_every_service_directly_and_through_the_gateway()
    {
        var token = ForgedTokens.Sign(await ValidTemplateAsync());

        foreach (var (service, client, prefix) in Routes())
        {
            using var response = await client.GetWithTokenAsync(prefix, token);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{service}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_token_is_401_at_every_service_directly_and_through_the_gateway(string forgery)
    {
        var template = await ValidTemplateAsync();
        var token = ForgedTokens.Kinds[forgery](() => Clone(template));

        foreach (var (service, client, prefix) in Routes())
        {
            using var response = await client.GetWithTokenAsync(prefix, token);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{service} accepted a token that is {forgery}");
            response.Headers.WwwAuthenticate.ShouldContain(challenge => challenge.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task A_token_without_the_services_scope_is_403_at_every_service_directly_and_through_the_gateway()
    {
        // Each service's root needs the scope named after it; "identity" alone opens only identity's.
        var identityOnly = await platform.TokenAsync("riverside-school", scope: "identity");
        var casesOnly = await platform.TokenAsync("riverside-school", scope: "cases");

        foreach (var (service, client, prefix) in Routes())
        {
            using var response = await client.GetWithTokenAsync(prefix, service.StartsWith("identity", StringComparison.Ordinal) ? casesOnly : identityOnly);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, service);
        }
    }

    [Fact]
    public async Task No_token_is_401_at_the_gateway_before_any_service_is_asked()
    {
        using var response = await platform.Gateway.Client.GetWithTokenAsync("/api/cases", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(challenge => challenge.Scheme == "Bearer");
    }

    private IEnumerable<(string Service, HttpClient Client, string Prefix)> Routes() =>
        RunningPlatform.Services.SelectMany(service => new[]
        {
            (service.Name + " directly", platform.Service[service.Name].Client, service.Prefix),
            (service.Name + " through the gateway", platform.Gateway.Client, service.Prefix),
        });

    // A real token's claims and issuer, re-signed by the test with identity's current key.
    private async Task<SecurityTokenDescriptor> ValidTemplateAsync()
    {
        var real = new JsonWebToken(await platform.TokenAsync("riverside-school"));
        return ForgedTokens.Template(await platform.SigningKeyAsync(), real.Issuer,
            string.Join(' ', RunningPlatform.Services.Select(service => service.Name)), real.GetClaim("org_id").Value);
    }

    private static SecurityTokenDescriptor Clone(SecurityTokenDescriptor template) => new()
    {
        TokenType = template.TokenType,
        Issuer = template.Issuer,
        Audience = template.Audience,
        IssuedAt = template.IssuedAt,
        NotBefore = template.NotBefore,
        Expires = template.Expires,
        Claims = new Dictionary<string, object>(template.Claims),
        SigningCredentials = template.SigningCredentials,
    };
}
