using Intake.Contracts;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>
/// Two instances of the service, each its own process, on one database and one broker: they share the
/// queues and the deliveries table, and between them every event reaches every endpoint exactly once.
/// </summary>
public sealed class ConcurrentInstancesSpecs(NotificationsProcesses service) : IClassFixture<NotificationsProcesses>
{
    private const int Events = 300;
    private WebhookReceiver Receiver => service.Receiver;

    [Fact]
    public async Task Two_instances_deliver_a_burst_to_each_endpoint_exactly_once_and_both_do_some_of_the_work()
    {
        await using var first = await service.StartAsync(batchSize: 8);
        await using var second = await service.StartAsync(batchSize: 8);
        var organization = Guid.NewGuid();
        await service.SeedEndpointAsync(organization, "/first");
        await service.SeedEndpointAsync(organization, "/second");
        // A little wait per answer keeps calls in flight, so both instances' workers have work to take.
        Receiver.Delay = TimeSpan.FromMilliseconds(20);

        var ids = new List<string>();
        await using (var publisher = await TestPublisher.StartAsync(service.BrokerUri))
        {
            ids.AddRange(await Task.WhenAll(Enumerable.Range(0, Events).Select(_ => publisher.PublishAsync(
                new ReportSubmitted(Guid.NewGuid(), organization, null, ReportKind.Other, ReportSetting.Online, ReportMode.Anonymous, DateTimeOffset.UtcNow)))));
        }
        await Receiver.WaitUntilAsync(r => r.DeliveredTo("/first").IsSupersetOf(ids) && r.DeliveredTo("/second").IsSupersetOf(ids),
            "every event at both endpoints", TimeSpan.FromSeconds(120));

        Receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid && webhook.AnsweredWith == 204);
        foreach (var path in new[] { "/first", "/second" })
        {
            var received = Receiver.Received.Where(webhook => webhook.Path == path).Select(webhook => webhook.Id).ToList();
            received.ShouldBe(ids, ignoreOrder: true, $"{path}: each event once, none missing, none twice");
        }
        // Each instance logs the attempts it made (ids and outcomes only).
        first.Output.ShouldContain("delivered (204)", customMessage: "the first instance delivered nothing");
        second.Output.ShouldContain("delivered (204)", customMessage: "the second instance delivered nothing");
    }
}
