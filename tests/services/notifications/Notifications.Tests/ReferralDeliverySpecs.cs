using System.Text.Json;
using Dapper;
using Notifications.Notifying;
using Notifications.Tests.Fixtures;
using Npgsql;
using Referrals.Contracts;

namespace Notifications.Tests;

/// <summary>
/// Referrals' events, published through the real RabbitMQ, reach both sides of the referral (the referring
/// organization and the recipient), each with what it may read, and no third organization.
/// </summary>
public sealed class ReferralDeliverySpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>, IAsyncLifetime
{
    private static readonly string[] ReferralTypes =
    [
        "referrals.referral-requested.v1", "referrals.referral-accepted.v1", "referrals.referral-rejected.v1", "referrals.referral-in-progress.v1",
        "referrals.referral-on-hold.v1", "referrals.referral-completed.v1", "referrals.referral-failed.v1", "referrals.referral-cancelled.v1",
        "referrals.referral-status-changed.v1", "referrals.referral-overdue.v1", "referrals.referral-rerouted.v1", "referrals.referral-access-ended.v1",
    ];

    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow;
    private readonly Guid caseId = Guid.NewGuid();
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Every_step_of_referrals_reaches_the_referrers_and_the_recipients_endpoints_signed_and_no_third_organizations()
    {
        await service.ReadyAsync();
        var (referring, recipient, bystander) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var bystanderEndpoint = await RegisterAsync(bystander, "/bystander");
        await RegisterAsync(referring, "/referrer");
        await RegisterAsync(recipient, "/recipient");
        var (completed, rerouted, reroute, failed, cancelled) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        (Guid ReferralId, string Type, string MessageId)[] published =
        [
            // One referral through to completion and its consent's revocation.
            (completed, "referrals.referral-requested.v1", await PublishRequestedAsync(completed, referring, recipient)),
            (completed, "referrals.referral-accepted.v1", await PublishStatusAsync(completed, referring, recipient, "accepted", null)),
            (completed, "referrals.referral-in-progress.v1", await PublishStatusAsync(completed, referring, recipient, "in-progress", null)),
            (completed, "referrals.referral-on-hold.v1", await PublishStatusAsync(completed, referring, recipient, "on-hold", "waiting-for-person")),
            (completed, "referrals.referral-completed.v1", await PublishStatusAsync(completed, referring, recipient, "completed", "service-provided")),
            (completed, "referrals.referral-access-ended.v1", await service.Publisher.PublishAsync(
                new ReferralAccessEnded(completed, caseId, referring, recipient, "consent-revoked", null, At))),
            // One left unanswered past its deadline and re-routed (to the same recipient's other service), which the recipient then rejects.
            (rerouted, "referrals.referral-requested.v1", await PublishRequestedAsync(rerouted, referring, recipient)),
            (rerouted, "referrals.referral-overdue.v1", await service.Publisher.PublishAsync(new ReferralOverdue(rerouted, caseId, referring, recipient, At, At))),
            (rerouted, "referrals.referral-rerouted.v1", await service.Publisher.PublishAsync(new ReferralRerouted(rerouted, caseId, referring, recipient, reroute, At))),
            (reroute, "referrals.referral-requested.v1", await PublishRequestedAsync(reroute, referring, recipient, rerouteOf: rerouted)),
            (reroute, "referrals.referral-rejected.v1", await PublishStatusAsync(reroute, referring, recipient, "rejected", "no-capacity")),
            (failed, "referrals.referral-requested.v1", await PublishRequestedAsync(failed, referring, recipient)),
            (failed, "referrals.referral-failed.v1", await PublishStatusAsync(failed, referring, recipient, "failed", "person-unreachable")),
            (cancelled, "referrals.referral-requested.v1", await PublishRequestedAsync(cancelled, referring, recipient)),
            (cancelled, "referrals.referral-cancelled.v1", await PublishStatusAsync(cancelled, referring, recipient, "cancelled", null)),
        ];
        // The bystander's own referral: its endpoint works, and gets only this.
        var bystanders = await PublishRequestedAsync(Guid.NewGuid(), bystander, Guid.NewGuid());

        var referrerIds = published.Select(step => step.MessageId).ToList();
        var recipientIds = referrerIds.Select(id => ReferralNotifications.RecipientNotificationId(Guid.Parse(id)).ToString()).ToList();
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/referrer").IsSupersetOf(referrerIds) && r.DeliveredTo("/recipient").IsSupersetOf(recipientIds)
            && r.DeliveredTo("/bystander").Contains(bystanders), "every referral event at both sides");

        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        var referrers = Bodies("/referrer");
        var recipients = Bodies("/recipient");
        referrers.Keys.ShouldBe(referrerIds, ignoreOrder: true);
        recipients.Keys.ShouldBe(recipientIds, ignoreOrder: true);
        for (var i = 0; i < published.Length; i++)
        {
            var (referralId, type, _) = published[i];
            foreach (var body in new[] { referrers[referrerIds[i]], recipients[recipientIds[i]] })
            {
                body.GetProperty("type").GetString().ShouldBe(type);
                body.GetProperty("subject").GetString().ShouldBe($"/api/referrals/{referralId}");
                body.GetProperty("data").GetProperty("referralId").GetGuid().ShouldBe(referralId);
            }
            referrers[referrerIds[i]].GetProperty("data").GetProperty("caseId").GetGuid().ShouldBe(caseId);
        }
        // The referrer's case and the re-route links are the referrer's alone, as in the recipient's view of the referral.
        receiver.Received.Where(webhook => webhook.Path == "/recipient").ShouldAllBe(webhook => !webhook.Body.Contains(caseId.ToString()));
        recipients[recipientIds[8]].GetProperty("data").TryGetProperty("newReferralId", out _).ShouldBeFalse();
        recipients[recipientIds[9]].GetProperty("data").TryGetProperty("rerouteOf", out _).ShouldBeFalse();
        referrers[referrerIds[8]].GetProperty("data").GetProperty("newReferralId").GetGuid().ShouldBe(reroute);
        referrers[referrerIds[9]].GetProperty("data").GetProperty("rerouteOf").GetGuid().ShouldBe(rerouted);

        receiver.Received.Where(webhook => webhook.Path == "/bystander").Select(webhook => webhook.Id).Distinct().ShouldBe([bystanders]);
        // Both sides' notifications of a message are recorded in one statement with any third organization's feed
        // entries and deliveries, so once both sides had theirs, the bystander's would be there too.
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        (await connection.QueryAsync<Guid>("select notification_id from feed_entries where organization_id = @bystander", new { bystander }))
            .ShouldBe([Guid.Parse(bystanders)]);
        (await connection.QueryAsync<Guid>("select notification_id from deliveries where endpoint_id = @bystanderEndpoint", new { bystanderEndpoint }))
            .ShouldBe([Guid.Parse(bystanders)]);
    }

    [Fact]
    public async Task A_redelivered_referral_event_is_one_delivery_at_each_side()
    {
        await service.ReadyAsync();
        var (referring, recipient) = (Guid.NewGuid(), Guid.NewGuid());
        var referrerEndpoint = await RegisterAsync(referring, "/once-referrer");
        var recipientEndpoint = await RegisterAsync(recipient, "/once-recipient");
        var referralId = Guid.NewGuid();
        var id = await PublishStatusAsync(referralId, referring, recipient, "accepted", null);
        await PublishStatusAsync(referralId, referring, recipient, "accepted", null, Guid.Parse(id));
        var marker = await PublishStatusAsync(referralId, referring, recipient, "in-progress", null);

        string[] referrerIds = [id, marker];
        string[] recipientIds = [.. referrerIds.Select(referrerId => ReferralNotifications.RecipientNotificationId(Guid.Parse(referrerId)).ToString())];
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/once-referrer").SetEquals(referrerIds) && r.DeliveredTo("/once-recipient").SetEquals(recipientIds),
            "both notifications at both sides");
        (await service.WaitForDeliveryLogAsync(referring, referrerEndpoint, log => log.Count == 2))
            .Select(delivery => delivery.GetProperty("notificationId").GetString()).ShouldBe(referrerIds, ignoreOrder: true);
        (await service.WaitForDeliveryLogAsync(recipient, recipientEndpoint, log => log.Count == 2))
            .Select(delivery => delivery.GetProperty("notificationId").GetString()).ShouldBe(recipientIds, ignoreOrder: true);
    }

    private Dictionary<string, JsonElement> Bodies(string path) =>
        receiver.Received.Where(webhook => webhook.Path == path).DistinctBy(webhook => webhook.Id)
            .ToDictionary(webhook => webhook.Id, webhook => JsonDocument.Parse(webhook.Body).RootElement.Clone());

    private Task<string> PublishRequestedAsync(Guid referralId, Guid referring, Guid recipient, Guid? rerouteOf = null) =>
        service.Publisher.PublishAsync(new ReferralRequested(referralId, caseId, referring, recipient, Guid.NewGuid(), ["summary"], At.AddDays(3), rerouteOf, At));

    private Task<string> PublishStatusAsync(Guid referralId, Guid referring, Guid recipient, string status, string? businessStatus, Guid? messageId = null) =>
        service.Publisher.PublishAsync(new ReferralStatusChanged(referralId, caseId, referring, recipient, status, businessStatus, At), messageId);

    private async Task<Guid> RegisterAsync(Guid organization, string path)
    {
        var (id, secret) = await service.RegisterAsync(organization, receiver.UrlFor(path), ReferralTypes);
        receiver.Expect(path, secret);
        return id;
    }
}
