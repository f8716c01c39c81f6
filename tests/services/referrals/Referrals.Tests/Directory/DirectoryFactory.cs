using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.Testing;

namespace Referrals.Tests.Directory;

/// <summary>Referrals in process on its own database and virtual host, trusting tokens signed with a test key.</summary>
public sealed class DirectoryFactory : ServiceFactory<Program>
{
    private const string Issuer = "https://issuer.referrals.test";
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "referrals-tests" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { key } }));
    }

    /// <summary>A ready client calling as <paramref name="organizationId"/>'s integration with role <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(Guid organizationId, string role = "caseworker", string scope = "referrals")
    {
        var client = CreateClient();
        (await client.WaitForReadinessAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var descriptor = ForgedTokens.Template(key, Issuer, scope, organizationId.ToString());
        descriptor.Claims["roles"] = new[] { role };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedTokens.Sign(descriptor));
        return client;
    }

    public NpgsqlDataSource DataSource() => NpgsqlDataSource.Create(Database.ConnectionString);
}

/// <summary>Directory calls with JSON bodies and If-Match, and what they answered.</summary>
internal static class DirectoryCalls
{
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The body of an answer with <paramref name="status"/> (the body is the failure message otherwise).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<(JsonElement Body, string Text)> ReadAsync(this HttpClient client, string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return (JsonDocument.Parse(text).RootElement.Clone(), text);
    }
}

/// <summary>Directory entries as a test publishes them: an organization's profile, a location, a service.</summary>
internal static class DirectoryExamples
{
    public const string ShelterStreet = "17 Hidden Lane";
    public const double ShelterLatitude = 51.50731;

    public static object Profile(string name) => new
    {
        name,
        description = $"{name} supports survivors of gender-based violence.",
        email = "contact@example.org",
        url = "https://example.org",
        languages = new[] { "en" },
    };

    public static object Location(bool confidential, string street = ShelterStreet) => new
    {
        name = confidential ? "Safe house" : "Walk-in centre",
        description = "Ground floor.",
        confidential,
        address = new { line1 = street, city = "Riverside", region = "North", postalCode = "RS1 2AB", country = "gb" },
        latitude = confidential ? ShelterLatitude : 48.85,
        longitude = confidential ? -0.12744 : 2.35,
        accessibility = "Step-free entrance.",
    };

    public static object Service(string name, string[] taxonomy, string[] languages, Guid[]? locationIds = null, string status = "active") => new
    {
        name,
        description = $"{name}: free and confidential.",
        taxonomyCodes = taxonomy,
        languages,
        eligibility = "Survivors aged 16 and over.",
        minimumAge = 16,
        fees = "Free.",
        hours = new[] { new { days = new[] { "mo", "tu", "we", "th", "fr" }, opens = "09:00", closes = "17:00" } },
        hoursNote = "Closed on public holidays.",
        status,
        locationIds = locationIds ?? [],
    };

    public static async Task PublishProfileAsync(this HttpClient client, string name)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Put, "/api/referrals/directory/organization", Profile(name));
        await response.JsonAsync(HttpStatusCode.Created);
    }

    public static async Task<Guid> AddLocationAsync(this HttpClient client, bool confidential, string street = ShelterStreet)
    {
        using var response = await client.PostAsJsonAsync("/api/referrals/directory/locations", Location(confidential, street));
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("location").GetProperty("id").GetGuid();
    }

    public static async Task<Guid> PublishServiceAsync(this HttpClient client, object service)
    {
        using var response = await client.PostAsJsonAsync("/api/referrals/directory/services", service);
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
