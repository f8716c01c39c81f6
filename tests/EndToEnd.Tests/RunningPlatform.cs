using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The whole platform as <c>./platform up</c> runs it: every service its own process with its own
/// fresh database, one broker virtual host shared by all, and the gateway in front.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    public static readonly IReadOnlyList<(string Name, string Project)> Services =
    [
        ("identity", "services/identity/Identity"),
        ("intake", "services/intake/Intake"),
        ("cases", "services/cases/Cases"),
        ("referrals", "services/referrals/Referrals"),
        ("notifications", "services/notifications/Notifications"),
    ];

    private readonly List<ServiceProcess> processes = [];
    private readonly List<TestDatabase> databases = [];
    private TestVirtualHost? broker;

    public ServiceProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        broker = await TestVirtualHost.CreateAsync("e2e");
        var gatewayEnvironment = new Dictionary<string, string>();
        foreach (var (name, project) in Services)
        {
            var database = await TestDatabase.CreateAsync("e2e_" + name);
            databases.Add(database);
            var service = ServiceProcess.Start(name, RepositoryLayout.BuiltAssembly(project, ProjectName(project)), new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__RabbitMQ"] = broker.AmqpUri,
            });
            processes.Add(service);
            gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__primary__Address"] = service.Address.AbsoluteUri;
        }

        Gateway = StartGateway(gatewayEnvironment);
        processes.Add(Gateway);
        await Task.WhenAll(processes.Select(EnsureReadyAsync));
    }

    /// <summary>A gateway of its own, with clusters pointed wherever the test says.</summary>
    public static ServiceProcess StartGateway(IReadOnlyDictionary<string, string> environment) =>
        ServiceProcess.Start("gateway", RepositoryLayout.BuiltAssembly("gateway/Gateway", "Gateway"), environment);

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
