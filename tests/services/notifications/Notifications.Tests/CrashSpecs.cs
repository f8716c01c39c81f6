using Intake.Contracts;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>
/// The service as its own process, killed while deliveries are in flight and started again on the
/// same database and broker: every notification still arrives, signed, with its webhook id.
/// </summary>
public sealed class CrashSpecs(NotificationsProcesses service) : IClassFixture<NotificationsProcesses>
{
    private const int Notifications = 40;
    private WebhookReceiver Receiver => service.Receiver;

    [Fact]
    public async Task Nothing_is_lost_when_the_service_is_killed_in_the_middle_of_deliveries()
    {
        await using var first = await service.StartAsync(batchSize: 4);
        var organization = Guid.NewGuid();
        await service.SeedEndpointAsync(organization, "/crash");
        // Slow answers and small batches keep deliveries in flight when the process dies.
        Receiver.Delay = TimeSpan.FromMilliseconds(150);
        var ids = new List<string>();
        await using (var publisher = await TestPublisher.StartAsync(service.BrokerUri))
        {
            for (var i = 0; i < Notifications; i++)
            {
                ids.Add(await publisher.PublishAsync(new ReportSubmitted(Guid.NewGuid(), organization, null, ReportKind.Other, ReportSetting.Online, ReportMode.Anonymous, DateTimeOffset.UtcNow)));
            }
        }
        await Receiver.WaitUntilAsync(r => r.DeliveredTo("/crash").Count >= 5, "some deliveries before the crash");

        await first.StopAsync();
        var deliveredBeforeCrash = Receiver.Received.DeliveredTo("/crash").Count;
        await using var second = await service.StartAsync(batchSize: 4);
        await Receiver.WaitUntilAsync(r => r.DeliveredTo("/crash").IsSupersetOf(ids), "every notification after the restart", TimeSpan.FromSeconds(120));

        deliveredBeforeCrash.ShouldBeLessThan(Notifications, "the crash came after everything was delivered: the test proved nothing");
        Receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        Receiver.Received.Select(webhook => webhook.Id).Distinct().ShouldBe(ids, ignoreOrder: true);
    }
}
