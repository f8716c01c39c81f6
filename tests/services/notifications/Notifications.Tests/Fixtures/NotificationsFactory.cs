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
using Notifications.Safety;
using Platform.Testing;

namespace Notifications.Tests.Fixtures;

/// <summary>
/// The notifications service in process on its own database and virtual host, trusting tokens signed
/// with a test key, with delivery times shortened (the schedule itself has its own specs), a test
/// clock, and names that resolve where a test says (the safety checks' one seam).
/// </summary>
public class NotificationsFactory : ServiceFactory<Program>
{
    public const string Issuer = "https://issuer.notifications.test";
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "notifications-tests" };
    private TestPublisher? publisher;

    public TestClock Clock { get; } = new();

    /// <summary>Host names and what they resolve to; anything else goes to the system's resolver.</summary>
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether webhooks may be plain http to loopback, as in development.</summary>
    protected virtual bool AllowInsecureLoopback => true;

    public TestPublisher Publisher => publisher ?? throw new InvalidOperationException("Call ReadyAsync first.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Webhooks:AllowInsecureLoopback", AllowInsecureLoopback ? "true" : "false");
        builder.UseSetting("Notifications:Webhooks:RequestTimeout", "00:00:05");
        builder.UseSetting("Notifications:Delivery:InitialBackoff", "00:00:00.200");
        builder.UseSetting("Notifications:Delivery:MaxBackoff", "00:00:01");
        builder.UseSetting("Notifications:Delivery:IdleWait", "00:00:00.500");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IHostResolver>(new MappedResolver(Names));
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { key } });
        });
    }

    /// <summary>Waits until the service is migrated and its consumers are bound, then connects the test's publisher.</summary>
    public async Task<HttpClient> ReadyAsync()
    {
        var client = CreateClient();
        (await client.WaitForReadinessAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        publisher ??= await TestPublisher.StartAsync(Broker.AmqpUri);
        return client;
    }

    /// <summary>A client calling as <paramref name="organizationId"/>'s integration, with a token like identity's.</summary>
    public HttpClient ClientFor(Guid organizationId, string scope = "notifications")
    {
        var client = CreateClient();
        var descriptor = ForgedTokens.Template(key, Issuer, scope, organizationId.ToString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedTokens.Sign(descriptor));
        return client;
    }

    /// <summary>Registers an endpoint for <paramref name="organizationId"/> and returns its id and its (once shown) secret.</summary>
    public async Task<(Guid Id, string Secret)> RegisterAsync(Guid organizationId, Uri url, params string[] eventTypes)
    {
        using var response = await ClientFor(organizationId).PostAsJsonAsync("/api/notifications/endpoints", new { url, eventTypes });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetProperty("secret").GetString()!);
    }

    /// <summary>
    /// The endpoint's delivery log (newest delivery first, each with its attempts) once it holds something and
    /// <paramref name="condition"/> holds, or as it is after a minute (the spec's assertions then say what is missing).
    /// </summary>
    public async Task<List<JsonElement>> WaitForDeliveryLogAsync(Guid organizationId, Guid endpointId, Func<List<JsonElement>, bool> condition)
    {
        var client = ClientFor(organizationId);
        return await EventuallyAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{endpointId}/deliveries")).EnumerateArray().ToList(),
            log => log.Count > 0 && condition(log));
    }

    /// <summary>What <paramref name="read"/> returns once <paramref name="condition"/> holds for it, or after a minute.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (publisher is not null)
        {
            await publisher.DisposeAsync();
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class MappedResolver(Dictionary<string, IPAddress[]> names) : IHostResolver
    {
        private readonly DnsHostResolver system = new();

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : system.ResolveAsync(host, cancellationToken);
    }
}

/// <summary>As in production: https only, nothing on loopback.</summary>
public sealed class StrictNotificationsFactory : NotificationsFactory
{
    protected override bool AllowInsecureLoopback => false;
}
