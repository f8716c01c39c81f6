using Dapper;
using Microsoft.Extensions.Options;
using Notifications.Endpoints;
using Notifications.Signing;
using Npgsql;
using Platform.Testing;

namespace Notifications.Tests.Fixtures;

/// <summary>
/// The service as its own processes, the way <c>./platform up</c> runs it, on one database and virtual
/// host the processes share (a restart, a second instance), with delivery times shortened, and a
/// partner's receiver for them to call.
/// </summary>
public sealed class NotificationsProcesses : IAsyncLifetime
{
    private readonly string key = TestKeys.NewKeyEncryptionKey();
    private TestDatabase database = null!;
    private TestVirtualHost broker = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public string BrokerUri => broker.AmqpUri;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("notifications_processes");
        broker = await TestVirtualHost.CreateAsync("notifications_processes");
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    public async Task<ServiceProcess> StartAsync(int batchSize)
    {
        var service = ServiceProcess.Start("notifications", RepositoryLayout.BuiltAssembly("services/notifications/Notifications", "Notifications"),
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__RabbitMQ"] = broker.AmqpUri,
                ["Auth__Authority"] = "http://127.0.0.1:9",
                ["Notifications__SecretEncryptionKey"] = key,
                ["Notifications__Webhooks__AllowInsecureLoopback"] = "true",
                ["Notifications__Webhooks__RequestTimeout"] = "00:00:02",
                ["Notifications__Delivery__Lease"] = "00:00:03",
                ["Notifications__Delivery__InitialBackoff"] = "00:00:00.200",
                ["Notifications__Delivery__MaxBackoff"] = "00:00:01",
                ["Notifications__Delivery__IdleWait"] = "00:00:00.500",
                ["Notifications__Delivery__BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        var report = await service.Client.WaitForReadinessAsync();
        report.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, service.Output);
        return service;
    }

    /// <summary>
    /// An endpoint of <paramref name="organization"/> for submitted reports at the receiver's <paramref name="path"/>, written as
    /// registration writes it (the registration API has its own specs), its secret given to the receiver.
    /// </summary>
    public async Task SeedEndpointAsync(Guid organization, string path)
    {
        var protector = new SecretProtector(Options.Create(new NotificationsOptions { SecretEncryptionKey = key }));
        var (endpointId, secretId, secret) = (Guid.CreateVersion7(), Guid.CreateVersion7(), WebhookSecret.New());
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.ExecuteAsync("""
            insert into endpoints (id, organization_id, url, event_types, status, created_at, updated_at)
            values (@endpointId, @organization, @url, array['intake.report-submitted.v1'], 'active', now(), now());
            insert into endpoint_secrets (id, endpoint_id, sealed, created_at) values (@secretId, @endpointId, @sealed, now());
            """, new { endpointId, organization, url = Receiver.UrlFor(path).AbsoluteUri, secretId, @sealed = protector.Seal(endpointId, secretId, secret) });
        Receiver.Expect(path, secret);
    }
}
