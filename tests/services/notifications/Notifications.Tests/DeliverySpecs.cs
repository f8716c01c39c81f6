using System.Net.Http.Json;
using System.Text.Json;
using Intake.Contracts;
using Notifications.Notifying;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>
/// Intake's events, published through the real RabbitMQ, reach a real HTTP receiver on loopback,
/// signed, at least once, and only at the organization entitled to them.
/// </summary>
public sealed class DeliverySpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Every_notification_arrives_signed_once_the_receiver_is_back_with_the_same_webhook_id_on_retries_and_only_where_entitled()
    {
        await service.ReadyAsync();
        var (school, employer) = (Guid.NewGuid(), Guid.NewGuid());
        await RegisterAsync(school, "/school", NotificationTypesAll);
        await RegisterAsync(employer, "/employer", NotificationTypesAll);
        receiver.Down = true;

        var reportId = Guid.NewGuid();
        string[] forSchool =
        [
            await service.Publisher.PublishAsync(new ReportSubmitted(reportId, school, null, ReportKind.Bullying, ReportSetting.School, ReportMode.Anonymous, At)),
            await service.Publisher.PublishAsync(new ReportTriaged(reportId, school, ReportPriority.Urgent, [TriageRule.ImmediateDanger], At.AddHours(1), At)),
            await service.Publisher.PublishAsync(new UrgentReportRaised(reportId, school, [TriageRule.ImmediateDanger], At.AddHours(1), At)),
            await service.Publisher.PublishAsync(new MessagePosted(reportId, school, Guid.NewGuid(), MessageAuthor.Reporter, At)),
            await service.Publisher.PublishAsync(new ReportWithdrawn(reportId, school, At)),
        ];
        // As intake publishes a submission now: with the triage it arrived with, told as a report-triaged notification of its own.
        var employerReport = new ReportSubmitted(Guid.NewGuid(), employer, null, ReportKind.SexualHarassment, ReportSetting.Workplace, ReportMode.Confidential, At,
            new ReportTriage(ReportPriority.Normal, [], At.AddDays(7)));
        var forEmployer = await service.Publisher.PublishAsync(employerReport);
        var employerTriaged = IntakeNotifications.Of(employerReport, Guid.Parse(forEmployer))[1].Id.ToString();

        // Down: every notification is tried at least twice and refused.
        await receiver.WaitUntilAsync(r => forSchool.All(id => r.Count(w => w.Id == id && w.AnsweredWith == 503) >= 2), "two refused attempts of each");
        receiver.Down = false;
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/school").IsSupersetOf(forSchool) && r.DeliveredTo("/employer").IsSupersetOf([forEmployer, employerTriaged]), "every notification delivered");

        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        receiver.Received.Where(w => w.Path == "/school").Select(w => w.Id).Distinct().ShouldBe(forSchool, ignoreOrder: true);
        receiver.Received.Where(w => w.Path == "/employer").Select(w => w.Id).Distinct().ShouldBe([forEmployer, employerTriaged], ignoreOrder: true);
        JsonDocument.Parse(receiver.Received.First(w => w.Id == employerTriaged).Body).RootElement.GetProperty("type").GetString()
            .ShouldBe(NotificationTypes.ReportTriaged);
        var submitted = JsonDocument.Parse(receiver.Received.First(w => w.Id == forSchool[0]).Body).RootElement;
        submitted.GetProperty("id").GetString().ShouldBe(forSchool[0]);
        submitted.GetProperty("subject").GetString().ShouldBe($"/api/intake/reports/{reportId}");
    }

    [Fact]
    public async Task The_delivery_log_shows_each_attempt_with_status_and_latency_but_no_body()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var endpoint = await RegisterAsync(organization, "/log", NotificationTypesAll);
        receiver.Down = true;
        var id = await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, At));
        await receiver.WaitUntilAsync(r => r.Any(w => w.Id == id && w.AnsweredWith == 503), "a refused attempt");
        receiver.Down = false;
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/log").Contains(id), "the delivery");

        var log = await service.WaitForDeliveryLogAsync(organization, endpoint, deliveries => deliveries[0].GetProperty("status").GetString() == "delivered");
        var delivery = log.Single();
        delivery.GetProperty("notificationId").GetString().ShouldBe(id);
        var attempts = delivery.GetProperty("attemptLog").EnumerateArray().ToList();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(2);
        attempts[0].GetProperty("statusCode").GetInt32().ShouldBe(503);
        attempts[^1].GetProperty("statusCode").GetInt32().ShouldBe(204);
        attempts.ShouldAllBe(attempt => attempt.GetProperty("latencyMs").GetDouble() >= 0);
        delivery.GetRawText().ShouldNotContain("reportId");
    }

    [Fact]
    public async Task A_redelivered_message_is_one_notification_in_the_feed_and_one_delivery()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var endpoint = await RegisterAsync(organization, "/once", NotificationTypesAll);
        var message = new ReportSubmitted(Guid.NewGuid(), organization, null, ReportKind.Other, ReportSetting.Online, ReportMode.Identified, At);
        var id = await service.Publisher.PublishAsync(message);
        await service.Publisher.PublishAsync(message, Guid.Parse(id));
        var marker = await service.Publisher.PublishAsync(new ReportWithdrawn(message.ReportId, organization, At));

        await receiver.WaitUntilAsync(r => r.DeliveredTo("/once").SetEquals([id, marker]), "both notifications");
        var log = await service.WaitForDeliveryLogAsync(organization, endpoint, deliveries => deliveries.Count == 2);
        log.Count(delivery => delivery.GetProperty("notificationId").GetString() == id).ShouldBe(1);
        // The feed shows an entry once every transaction older than it has ended, which can be after its webhook went.
        var feed = await NotificationsFactory.EventuallyAsync(() => service.ClientFor(organization).GetFromJsonAsync<JsonElement>("/api/notifications/feed"),
            page => page.GetProperty("items").GetArrayLength() >= 2);
        // Once each; in no promised order, since the two come through different queues.
        feed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ShouldBe([id, marker], ignoreOrder: true);
    }

    [Fact]
    public async Task The_feed_pages_the_same_cloud_events_for_the_callers_organization_only()
    {
        await service.ReadyAsync();
        var (mine, theirs) = (Guid.NewGuid(), Guid.NewGuid());
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await service.Publisher.PublishAsync(new MessagePosted(Guid.NewGuid(), mine, Guid.NewGuid(), MessageAuthor.Handler, At)));
        }
        await service.Publisher.PublishAsync(new MessagePosted(Guid.NewGuid(), theirs, Guid.NewGuid(), MessageAuthor.Handler, At));
        var client = service.ClientFor(mine);

        var read = new List<string>();
        string? cursor = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (read.Count < ids.Count && DateTime.UtcNow < deadline)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/notifications/feed?limit=2{(cursor is null ? "" : "&after=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.ShouldBeLessThanOrEqualTo(2);
            read.AddRange(items.Select(item => item.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next").GetString();
            if (items.Count == 0)
            {
                await Task.Delay(100);
            }
        }

        read.ShouldBe(ids, ignoreOrder: true);
        var last = await client.GetFromJsonAsync<JsonElement>($"/api/notifications/feed?after={cursor}");
        last.GetProperty("items").GetArrayLength().ShouldBe(0);
        last.GetProperty("next").GetString().ShouldBe(cursor);
    }

    [Fact]
    public async Task A_paused_endpoint_gets_nothing_until_it_is_resumed_and_then_everything_it_missed()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var endpoint = await RegisterAsync(organization, "/paused", NotificationTypesAll);
        var client = service.ClientFor(organization);
        (await client.PostAsync($"/api/notifications/endpoints/{endpoint}/pause", null)).EnsureSuccessStatusCode();
        var held = await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, At));
        await service.WaitForDeliveryLogAsync(organization, endpoint, deliveries => deliveries.Count == 1);

        receiver.Received.ShouldNotContain(webhook => webhook.Path == "/paused");
        (await client.PostAsync($"/api/notifications/endpoints/{endpoint}/resume", null)).EnsureSuccessStatusCode();
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/paused").Contains(held), "the held notification");
    }

    private static readonly string[] NotificationTypesAll =
        ["intake.report-submitted.v1", "intake.report-triaged.v1", "intake.urgent-report-raised.v1", "intake.report-withdrawn.v1", "intake.message-posted.v1"];

    private async Task<Guid> RegisterAsync(Guid organization, string path, string[] eventTypes)
    {
        var (id, secret) = await service.RegisterAsync(organization, receiver.UrlFor(path), eventTypes);
        receiver.Expect(path, secret);
        return id;
    }
}
