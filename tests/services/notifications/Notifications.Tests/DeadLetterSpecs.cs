using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Intake.Contracts;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>
/// An endpoint that keeps failing: its deliveries are dead-lettered once the retry window is spent,
/// it is disabled and its organization told, and a replay after it is fixed sends them again.
/// The test clock stands in for the days this takes.
/// </summary>
public sealed class DeadLetterSpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        receiver.Now = service.Clock.GetUtcNow;
    }

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_failing_endpoint_is_dead_lettered_disabled_and_its_organization_told_and_a_replay_delivers_with_the_same_webhook_id()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var client = service.ClientFor(organization);
        var (endpoint, secret) = await service.RegisterAsync(organization, receiver.UrlFor("/failing"), "intake.report-withdrawn.v1");
        receiver.Expect("/failing", secret);
        receiver.Down = true;
        var id = await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, DateTimeOffset.UtcNow));
        await NotificationsFactory.EventuallyAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{endpoint}/deliveries"),
            log => log.EnumerateArray().Any(delivery => delivery.GetProperty("attempts").GetInt32() >= 1));

        // Four days later, past the retry window (26 h) and the disabling limit (3 days): the next failure ends it.
        service.Clock.Advance(TimeSpan.FromDays(4));
        var disabled = await NotificationsFactory.EventuallyAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{endpoint}"),
            view => view.GetProperty("status").GetString() == "disabled");
        disabled.GetProperty("status").GetString().ShouldBe("disabled");
        var log = await client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{endpoint}/deliveries?status=dead");
        var dead = log.EnumerateArray().Single();
        dead.GetProperty("notificationId").GetString().ShouldBe(id);
        var feed = await NotificationsFactory.EventuallyAsync(() => client.GetFromJsonAsync<JsonElement>("/api/notifications/feed"),
            page => page.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("type").GetString() == "notifications.endpoint-disabled.v1"));
        var told = feed.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("type").GetString() == "notifications.endpoint-disabled.v1");
        told.GetProperty("subject").GetString().ShouldBe($"/api/notifications/endpoints/{endpoint}");

        receiver.Down = false;
        (await client.PostAsync($"/api/notifications/endpoints/{endpoint}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var replay = await client.PostAsJsonAsync($"/api/notifications/endpoints/{endpoint}/replay", new { deliveryId = dead.GetProperty("id").GetGuid() });
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/failing").Contains(id), "the replayed delivery");
        receiver.Received.Where(w => w.Path == "/failing").ShouldAllBe(w => w.Id == id);
        // An attempt signed just before the clock jumped four days reads as stale to the receiver; the replay is signed now.
        receiver.Received.Where(w => w.Path == "/failing" && w.AnsweredWith == 204).ShouldAllBe(w => w.SignatureValid);
    }

    [Fact]
    public async Task Replaying_since_a_time_sends_an_endpoint_what_its_organization_was_notified_of_before_it_existed()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var since = service.Clock.GetUtcNow();
        var earlier = await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, DateTimeOffset.UtcNow));
        var client = service.ClientFor(organization);
        await NotificationsFactory.EventuallyAsync(() => client.GetFromJsonAsync<JsonElement>("/api/notifications/feed"), feed => feed.GetProperty("items").GetArrayLength() == 1);
        var (endpoint, secret) = await service.RegisterAsync(organization, receiver.UrlFor("/late"), "intake.report-withdrawn.v1");
        receiver.Expect("/late", secret);

        using var replay = await client.PostAsJsonAsync($"/api/notifications/endpoints/{endpoint}/replay", new { since });

        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveries").GetInt32().ShouldBe(1);
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/late").Contains(earlier), "the earlier notification");
    }
}
