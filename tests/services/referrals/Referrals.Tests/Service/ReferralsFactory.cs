using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Cases.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.Testing;
using Referrals.Sweeping;

namespace Referrals.Tests.Service;

/// <summary>
/// Referrals in process against its own PostgreSQL database and RabbitMQ virtual host, with a
/// clock the specs move (consent expiry and response deadlines without waiting), event store keys
/// of its own, and tokens signed by a key it trusts (as if from identity's JWKS). The sweeper's
/// timer is slow: specs sweep when they have moved the time. Cases' events reach it the way they
/// do in production, published on its broker (<see cref="OpenCaseAsync"/>); a case it has not heard
/// of is refused at once, without <see cref="ReferralsOptions.CaseArrivalWait"/>'s wait, unless a
/// factory sets <see cref="CaseArrivalWait"/>.
/// </summary>
public class ReferralsFactory : ServiceFactory<Program>
{
    private const string Issuer = "https://identity.test";
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "referrals-tests" };

    public TestClock Clock { get; } = new();

    /// <summary>How long a consent or referral waits for a case referrals has not heard of yet.</summary>
    protected virtual TimeSpan CaseArrivalWait => TimeSpan.Zero;

    public IBus Bus => Services.GetRequiredService<IBus>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("EventStore:MasterKeys:Current", "m1");
        builder.UseSetting("EventStore:MasterKeys:Keys:m1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Referrals:SweepInterval", "01:00:00");
        builder.UseSetting("Referrals:ServiceResponseTimes:shelter", "1.00:00:00");
        builder.UseSetting("Referrals:CaseArrivalWait", CaseArrivalWait.ToString("c", CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { key } });
        });
    }

    /// <summary>A client of the organization, ready (migrated, broker connected).</summary>
    public async Task<HttpClient> ClientAsync(Guid organizationId, string clientId, string role = "caseworker")
    {
        var client = CreateClient();
        (await client.WaitForReadinessAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var descriptor = ForgedTokens.Template(key, Issuer, "referrals", organizationId.ToString());
        descriptor.Claims["client_id"] = clientId;
        descriptor.Claims["sub"] = clientId;
        descriptor.Claims["roles"] = new[] { role };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedTokens.Sign(descriptor));
        return client;
    }

    /// <summary>A service the organization of <paramref name="client"/> publishes in the directory (with its profile, the first time).</summary>
    public static async Task<Guid> PublishServiceAsync(HttpClient client, string taxonomyCode)
    {
        using (var profile = await client.PutAsJsonAsync("/api/referrals/directory/organization",
            new { name = "A partner", description = "Support for survivors.", email = "directory@example.org", languages = new[] { "en" } }))
        {
            profile.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.PreconditionRequired], await profile.Content.ReadAsStringAsync());
        }
        var service = await (await client.PostAsync("/api/referrals/directory/services", new
        {
            name = $"A {taxonomyCode} service {Guid.NewGuid():N}",
            description = "Free of charge.",
            taxonomyCodes = new[] { taxonomyCode },
            languages = new[] { "en" },
            eligibility = "Anyone affected by harassment or gender-based violence.",
            hours = new[] { new { days = new[] { "MO", "WE" }, opens = "10:00", closes = "16:00" } },
            locationIds = Array.Empty<Guid>(),
        })).OkJsonAsync();
        return service.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Publishes, as cases does when it opens a case, that <paramref name="caseId"/> was opened in
    /// <paramref name="organizationId"/>, and waits until referrals has recorded it.
    /// </summary>
    public async Task OpenCaseAsync(Guid caseId, Guid organizationId)
    {
        await Bus.Publish(new CaseOpened(caseId, organizationId, null, Clock.GetUtcNow()));
        await EventuallyAsync(async () => await ScalarAsync("select count(*) from case_organizations where case_id = $1", caseId) == 1,
            $"case {caseId} did not reach referrals");
    }

    /// <summary>Waits (a minute at most) until <paramref name="holds"/>: for what a consumer of the broker does in its own time.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> holds, string failure)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await holds())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, failure);
            await Task.Delay(50);
        }
    }

    public Task SweepAsync() => Services.GetRequiredService<ReferralSweeper>().SweepAsync(CancellationToken.None);

    public async Task<long> ScalarAsync(string sql, params object[] values) =>
        Convert.ToInt64(await QueryAsync(sql, values), CultureInfo.InvariantCulture);

    public async Task<string?> TextAsync(string sql, params object[] values) => await QueryAsync(sql, values) as string;

    private async Task<object?> QueryAsync(string sql, object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }
        return await command.ExecuteScalarAsync();
    }
}

internal static class ProblemResponses
{
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
