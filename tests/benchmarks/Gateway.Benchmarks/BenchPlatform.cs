using Platform.Testing;

namespace Gateway.Benchmarks;

/// <summary>
/// Identity, cases and the gateway, each its own process in this build's configuration (Release
/// under <c>./platform bench gateway</c>), against the bench profile's PostgreSQL and RabbitMQ.
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    public const string DemoSecret = "bench-demo-secret";

    private readonly List<ServiceProcess> processes = [];
    private readonly List<TestDatabase> databases = [];
    private TestVirtualHost? broker;

    public ServiceProcess Cases { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public async Task StartAsync()
    {
        broker = await TestVirtualHost.CreateAsync("bench_gateway");
        var identity = await StartServiceAsync("identity", "services/identity/Identity", "Identity", new()
        {
            ["Identity__SigningKeyEncryptionKey"] = TestKeys.NewKeyEncryptionKey(),
            ["Seed__DemoData"] = "true",
            ["Seed__DemoClientSecret"] = DemoSecret,
        });
        var authority = identity.Address.AbsoluteUri;
        Cases = await StartServiceAsync("cases", "services/cases/Cases", "Cases", new() { ["Auth__Authority"] = authority });
        Gateway = ServiceProcess.Start("gateway", RepositoryLayout.BuiltAssembly("gateway/Gateway", "Gateway"), new Dictionary<string, string>
        {
            ["Auth__Authority"] = authority,
            ["ReverseProxy__Clusters__identity__Destinations__primary__Address"] = authority,
            ["ReverseProxy__Clusters__cases__Destinations__primary__Address"] = Cases.Address.AbsoluteUri,
            // Saturation is the point here: limits far above anything this machine can send.
            ["Gateway__RateLimits__PerClient__PermitLimit"] = "100000000",
            ["Gateway__RateLimits__PerAddress__PermitLimit"] = "100000000",
        });
        processes.Add(Gateway);
        foreach (var process in processes)
        {
            var report = await process.Client.WaitForReadinessAsync();
            if (report.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{process.Name} did not become ready ({report}). Its output:\n{process.Output}");
            }
        }
    }

    private async Task<ServiceProcess> StartServiceAsync(string name, string project, string assembly, Dictionary<string, string> environment)
    {
        var database = await TestDatabase.CreateAsync("bench_" + name);
        databases.Add(database);
        environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        environment["ConnectionStrings__RabbitMQ"] = broker!.AmqpUri;
        var process = ServiceProcess.Start(name, RepositoryLayout.BuiltAssembly(project, assembly), environment);
        processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
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
}
