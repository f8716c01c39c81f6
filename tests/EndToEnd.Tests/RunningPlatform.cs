using Identity.SigningKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The whole platform as <c>./platform up</c> runs it: every service its own process with its own
/// fresh database, one broker virtual host shared by all, identity seeded with the demo
/// organizations, and the gateway in front. Services find identity by discovery, as in production.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    public const string DemoSecret = "e2e-demo-secret";

    public static readonly IReadOnlyList<(string Name, string Project, string Prefix)> Services =
    [
        ("identity", "services/identity/Identity", "/api/identity"),
        ("intake", "services/intake/Intake", "/api/intake"),
        ("cases", "services/cases/Cases", "/api/cases"),
        ("referrals", "services/referrals/Referrals", "/api/referrals"),
        ("notifications", "services/notifications/Notifications", "/api/notifications"),
    ];

    /// <summary>
    /// Settings that make end-to-end runs quick without changing what they prove: a lockout in
    /// seconds, not minutes; a referral clock the specs move instead of waiting days (Testing only),
    /// which sweeps when moved, so the sweeper's own timer is slow: what holds between an expiry and
    /// its sweep is then seen, not raced.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Settings = new()
    {
        ["intake"] = new()
        {
            ["Intake__AnonymousAccess__Lockout__MaxFailures"] = "3",
            ["Intake__AnonymousAccess__Lockout__Window"] = "00:05:00",
            ["Intake__AnonymousAccess__Lockout__FirstDelay"] = "00:00:00.200",
            ["Intake__AnonymousAccess__Lockout__MaxDelay"] = "00:00:00.400",
            ["Intake__AnonymousAccess__Lockout__FirstLockout"] = "00:00:08",
            ["Intake__AnonymousAccess__Lockout__MaxLockout"] = "00:01:00",
        },
        ["referrals"] = new()
        {
            ["Referrals__Testing__MovableClock"] = "true",
            ["Referrals__SweepInterval"] = "01:00:00",
        },
    };

    private readonly string keyEncryptionKey = TestKeys.NewKeyEncryptionKey();
    private readonly List<ServiceProcess> processes = [];
    private readonly List<TestDatabase> databases = [];
    private TestVirtualHost? broker;

    public ServiceProcess Gateway { get; private set; } = null!;

    public IReadOnlyDictionary<string, ServiceProcess> Service => processes.Where(p => p.Name != "gateway").ToDictionary(p => p.Name);

    public async Task InitializeAsync()
    {
        broker = await TestVirtualHost.CreateAsync("e2e");
        var gatewayEnvironment = new Dictionary<string, string>();
        foreach (var (name, project, _) in Services)
        {
            var database = await TestDatabase.CreateAsync("e2e_" + name);
            databases.Add(database);
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__RabbitMQ"] = broker.AmqpUri,
            };
            foreach (var (key, value) in TestKeys.ServiceSecrets())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            foreach (var (key, value) in Settings.GetValueOrDefault(name) ?? [])
            {
                environment[key] = value;
            }
            if (name == "identity")
            {
                environment["Identity__SigningKeyEncryptionKey"] = keyEncryptionKey;
                environment["Seed__DemoData"] = "true";
                environment["Seed__DemoClientSecret"] = DemoSecret;
            }
            else
            {
                environment["Auth__Authority"] = Service["identity"].Address.AbsoluteUri;
            }
            if (name == "notifications")
            {
                // Webhooks to a receiver on this machine, as in development.
                environment["Notifications__Webhooks__AllowInsecureLoopback"] = "true";
            }
            var service = ServiceProcess.Start(name, RepositoryLayout.BuiltAssembly(project, ProjectName(project)), environment);
            processes.Add(service);
            gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = service.Address.AbsoluteUri;
        }
        GatewayEnvironment = gatewayEnvironment;

        Gateway = StartGateway();
        processes.Add(Gateway);
        await Task.WhenAll(processes.Select(EnsureReadyAsync));
    }

    private IReadOnlyDictionary<string, string> GatewayEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>A gateway of its own in front of this platform, with whatever settings the test changes.</summary>
    public ServiceProcess StartGateway(IReadOnlyDictionary<string, string>? changes = null)
    {
        var environment = new Dictionary<string, string>(GatewayEnvironment)
        {
            ["Auth__Authority"] = Service["identity"].Address.AbsoluteUri,
            // Specs make dozens of anonymous calls from one address within a minute; RateLimitSpecs checks the real limit.
            ["Gateway__RateLimits__AnonymousPerAddress__PermitLimit"] = "10000",
        };
        foreach (var (key, value) in changes ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return ServiceProcess.Start("gateway", RepositoryLayout.BuiltAssembly("gateway/Gateway", "Gateway"), environment);
    }

    /// <summary>The broker virtual host every service of this platform uses.</summary>
    public string BrokerUri => broker!.AmqpUri;

    /// <summary>The connection string of a service's own database, for specs that look behind its back (tampering, say).</summary>
    public string DatabaseOf(string service) =>
        databases[Services.Select((entry, index) => (entry.Name, index)).Single(entry => entry.Name == service).index].ConnectionString;

    /// <summary>A token for a demo client, from the token endpoint through the gateway.</summary>
    public Task<string> TokenAsync(string clientId, string? scope = null) =>
        TokenRequests.GetAsync(Gateway.Client, clientId, DemoSecret, scope);

    /// <summary>Identity's current signing key, read the way identity reads it: for forging tokens that are wrong in one way only.</summary>
    public async Task<SecurityKey> SigningKeyAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:SigningKeyEncryptionKey"] = keyEncryptionKey })
            .Build();
        await using var dataSource = NpgsqlDataSource.Create(databases[0].ConnectionString);
        return await new SigningKeyStore(dataSource, new KeyWrapping(configuration), Options.Create(new TokenSettings()), TimeProvider.System)
            .CurrentAsync(CancellationToken.None);
    }

    public static async Task EnsureReadyAsync(ServiceProcess process)
    {
        var report = await process.Client.WaitForReadinessAsync();
        if (report.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException(
                $"{process.Name} did not become ready ({report}); exited: {process.HasExited}. Its output:\n{process.Output}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    private static string ProjectName(string project) => project[(project.LastIndexOf('/') + 1)..];
}
