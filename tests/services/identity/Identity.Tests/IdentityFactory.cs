using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Testing;

namespace Identity.Tests;

/// <summary>Identity with the demo organizations and clients seeded, on a clock the test moves.</summary>
public sealed class IdentityFactory : ServiceFactory<Program>
{
    public const string DemoSecret = "demo-secret-for-tests";
    public const string Issuer = "https://platform.test";

    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Seed:DemoClientSecret", DemoSecret);
        builder.UseSetting("Identity:Issuer", Issuer);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<string> TokenAsync(string clientId, string? scope = null, string? onBehalfOf = null)
    {
        var client = CreateClient();
        // Ready means migrated; the demo clients follow a moment later, which GetAsync waits out.
        await client.WaitForReadinessAsync();
        return await TokenRequests.GetAsync(client, clientId, DemoSecret, scope, onBehalfOf);
    }

    public async Task<JsonWebKeySet> JwksAsync()
    {
        var discovery = await (await CreateClient().GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative))).JsonAsync();
        var jwksPath = new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery;
        return new JsonWebKeySet(await CreateClient().GetStringAsync(new Uri(jwksPath, UriKind.Relative)));
    }

    public async Task<TokenValidationResult> ValidateAgainstJwksAsync(string token) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = "platform-api",
            ValidAlgorithms = ["ES256"],
            ValidTypes = ["at+jwt"],
            IssuerSigningKeys = (await JwksAsync()).GetSigningKeys(),
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= Clock.GetUtcNow().UtcDateTime.AddSeconds(30)
                && expires > Clock.GetUtcNow().UtcDateTime,
        });
}
