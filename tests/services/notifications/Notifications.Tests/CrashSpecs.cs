using Dapper;
using Intake.Contracts;
using Microsoft.Extensions.Options;
using Notifications.Endpoints;
using Notifications.Signing;
using Notifications.Tests.Fixtures;
using Npgsql;
using Platform.Testing;

namespace Notifications.Tests;

/// <summary>
/// The service as its own process, killed while deliveries are in flight and started again on the
/// same database and broker: every notification still arrives, signed, with its webhook id.
/// </summary>
public sealed class CrashSpecs : IAsyncLifetime
{
    private const int Notifications = 40;
    private readonly string key = TestKeys.NewKeyEncryptionKey();
    private TestDatabase database = null!;
    private TestVirtualHost broker = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("notifications_crash");
        broker = await TestVirtualHost.CreateAsync("notifications_crash");
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await broker.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Nothing_is_lost_when_the_service_is_killed_in_the_middle_of_deliveries()
    {
        await using var first = await StartServiceAsync();
        var organization = Guid.NewGuid();
        await SeedEndpointAsync(organization, "/crash");
        // Slow answers and small batches keep deliveries in flight when the process dies.
        receiver.Delay = TimeSpan.FromMilliseconds(150);
        var ids = new List<string>();
        await using (var publisher = await TestPublisher.StartAsync(broker.AmqpUri))
        {
            for (var i = 0; i < Notifications; i++)
            {
                ids.Add(await publisher.PublishAsync(new ReportSubmitted(Guid.NewGuid(), organization, null, ReportKind.Other, ReportSetting.Online, ReportMode.Anonymous, DateTimeOffset.UtcNow)));
            }
        }
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/crash").Count >= 5, "some deliveries before the crash");

        await first.StopAsync();
        var deliveredBeforeCrash = receiver.Received.DeliveredTo("/crash").Count;
        await using var second = await StartServiceAsync();
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/crash").IsSupersetOf(ids), "every notification after the restart", TimeSpan.FromSeconds(120));

        deliveredBeforeCrash.ShouldBeLessThan(Notifications, "the crash came after everything was delivered: the test proved nothing");
        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        receiver.Received.Select(webhook => webhook.Id).Distinct().ShouldBe(ids, ignoreOrder: true);
    }

    private async Task<ServiceProcess> StartServiceAsync()
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
                ["Notifications__Delivery__BatchSize"] = "4",
            });
        var report = await service.Client.WaitForReadinessAsync();
        report.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, service.Output);
        return service;
    }

    // The registration API has its own specs; here the endpoint is written as registration writes it.
    private async Task SeedEndpointAsync(Guid organization, string path)
    {
        var protector = new SecretProtector(Options.Create(new NotificationsOptions { SecretEncryptionKey = key }));
        var (endpointId, secretId, secret) = (Guid.CreateVersion7(), Guid.CreateVersion7(), WebhookSecret.New());
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.ExecuteAsync("""
            insert into endpoints (id, organization_id, url, event_types, status, created_at, updated_at)
            values (@endpointId, @organization, @url, array['intake.report-submitted.v1'], 'active', now(), now());
            insert into endpoint_secrets (id, endpoint_id, sealed, created_at) values (@secretId, @endpointId, @sealed, now());
            """, new { endpointId, organization, url = receiver.UrlFor(path).AbsoluteUri, secretId, @sealed = protector.Seal(endpointId, secretId, secret) });
        receiver.Expect(path, secret);
    }
}
