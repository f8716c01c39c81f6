namespace Platform.Testing;

/// <summary>
/// Identity, the services asked for and the gateway in front of them, each its own process built in
/// this build's configuration, with their own databases on one broker virtual host: what the
/// benchmarks drive. Identity seeds the demo organizations, each client's secret <see cref="DemoSecret"/>.
/// </summary>
public sealed class PlatformProcesses : IAsyncDisposable
{
    public const string DemoSecret = "bench-demo-secret";

    private static readonly Dictionary<string, string> Projects = new()
    {
        ["identity"] = "services/identity/Identity",
        ["intake"] = "services/intake/Intake",
        ["cases"] = "services/cases/Cases",
        ["referrals"] = "services/referrals/Referrals",
        ["notifications"] = "services/notifications/Notifications",
    };

    private readonly Dictionary<string, ServiceProcess> services = [];
    private readonly Dictionary<string, TestDatabase> databases = [];
    private TestVirtualHost? broker;

    private PlatformProcesses()
    {
    }

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess this[string service] => services[service];

    /// <summary>The connection string of a service's own database.</summary>
    public string DatabaseOf(string service) => databases[service].ConnectionString;

    /// <param name="label">Names the databases and the virtual host (<c>bench_intake</c>, say).</param>
    /// <param name="names">The services besides identity, which always runs (it issues the tokens).</param>
    /// <param name="settings">Environment variables per service name, and <c>gateway</c> for the gateway.</param>
    public static async Task<PlatformProcesses> StartAsync(
        string label, IEnumerable<string> names, IReadOnlyDictionary<string, Dictionary<string, string>>? settings = null)
    {
        var platform = new PlatformProcesses();
        try
        {
            await platform.StartAllAsync(label, names, settings ?? new Dictionary<string, Dictionary<string, string>>());
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(string label, IEnumerable<string> names, IReadOnlyDictionary<string, Dictionary<string, string>> settings)
    {
        broker = await TestVirtualHost.CreateAsync(label);
        var gateway = new Dictionary<string, string>();
        foreach (var name in names.Prepend("identity").Distinct())
        {
            var database = databases[name] = await TestDatabase.CreateAsync($"{label}_{name}");
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__RabbitMQ"] = broker.AmqpUri,
            };
            foreach (var (key, value) in TestKeys.ServiceSecrets())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            if (name == "identity")
            {
                environment["Identity__SigningKeyEncryptionKey"] = TestKeys.NewKeyEncryptionKey();
                environment["Seed__DemoData"] = "true";
                environment["Seed__DemoClientSecret"] = DemoSecret;
            }
            else
            {
                environment["Auth__Authority"] = services["identity"].Address.AbsoluteUri;
            }
            foreach (var (key, value) in settings.GetValueOrDefault(name) ?? [])
            {
                environment[key] = value;
            }
            var project = Projects[name];
            services[name] = ServiceProcess.Start(name, RepositoryLayout.BuiltAssembly(project, Path.GetFileName(project)), environment);
            gateway[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = services[name].Address.AbsoluteUri;
        }
        gateway["Auth__Authority"] = services["identity"].Address.AbsoluteUri;
        foreach (var (key, value) in settings.GetValueOrDefault("gateway") ?? [])
        {
            gateway[key] = value;
        }
        Gateway = ServiceProcess.Start("gateway", RepositoryLayout.BuiltAssembly("gateway/Gateway", "Gateway"), gateway);
        foreach (var process in services.Values.Append(Gateway))
        {
            var report = await process.Client.WaitForReadinessAsync();
            if (report.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{process.Name} did not become ready ({report}). Its output:\n{process.Output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in services.Values.Append(Gateway).OfType<ServiceProcess>())
        {
            await process.DisposeAsync();
        }
        foreach (var database in databases.Values)
        {
            await database.DisposeAsync();
        }
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
