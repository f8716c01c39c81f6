using System.Text.Json;
using Notifications.Notifying;
using Referrals.Contracts;

namespace Notifications.Tests.Notifying;

public sealed class ReferralNotificationsSpecs
{
    private static readonly Guid ReferralId = Guid.CreateVersion7();
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid Referring = Guid.CreateVersion7();
    private static readonly Guid Recipient = Guid.CreateVersion7();
    private static readonly Guid ServiceId = Guid.CreateVersion7();
    private static readonly Guid FirstReferralId = Guid.CreateVersion7();
    private static readonly Guid MessageId = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_requested_referral_is_one_notification_per_side_about_the_referral_and_only_the_referrers_names_its_case_and_the_referral_it_re_routes()
    {
        var notifications = ReferralNotifications.Of(
            new ReferralRequested(ReferralId, CaseId, Referring, Recipient, ServiceId, ["contact-details", "summary"], At.AddDays(3), FirstReferralId, At), MessageId);

        notifications.Select(n => n.EntitledOrganizations.Single()).ShouldBe([Referring, Recipient]);
        notifications.ShouldAllBe(n => !n.Urgent);
        var (referrers, recipients) = (Json(notifications[0]), Json(notifications[1]));
        foreach (var json in new[] { referrers, recipients })
        {
            json.GetProperty("source").GetString().ShouldBe("/api/referrals");
            json.GetProperty("type").GetString().ShouldBe("referrals.referral-requested.v1");
            json.GetProperty("subject").GetString().ShouldBe($"/api/referrals/{ReferralId}");
            json.GetProperty("time").GetDateTimeOffset().ShouldBe(At);
        }
        referrers.GetProperty("id").GetString().ShouldBe(MessageId.ToString());
        recipients.GetProperty("id").GetString().ShouldBe(ReferralNotifications.RecipientNotificationId(MessageId).ToString());
        Names(referrers.GetProperty("data")).ShouldBe(
            ["referralId", "caseId", "referringOrganizationId", "recipientOrganizationId", "serviceId", "sharedFields", "respondBy", "rerouteOf", "requestedAt"],
            ignoreOrder: true);
        referrers.GetProperty("data").GetProperty("caseId").GetGuid().ShouldBe(CaseId);
        referrers.GetProperty("data").GetProperty("rerouteOf").GetGuid().ShouldBe(FirstReferralId);
        Names(recipients.GetProperty("data")).ShouldBe(
            ["referralId", "referringOrganizationId", "recipientOrganizationId", "serviceId", "sharedFields", "respondBy", "requestedAt"], ignoreOrder: true);
        recipients.GetProperty("data").GetProperty("sharedFields").EnumerateArray().Select(field => field.GetString()).ShouldBe(["contact-details", "summary"]);
        notifications[1].ToCloudEventJson().ShouldNotContain(CaseId.ToString());
        notifications[1].ToCloudEventJson().ShouldNotContain(FirstReferralId.ToString());
    }

    [Theory]
    [InlineData("accepted", null, "referrals.referral-accepted.v1")]
    [InlineData("rejected", "no-capacity", "referrals.referral-rejected.v1")]
    [InlineData("in-progress", null, "referrals.referral-in-progress.v1")]
    [InlineData("on-hold", "waiting-for-person", "referrals.referral-on-hold.v1")]
    [InlineData("completed", "service-provided", "referrals.referral-completed.v1")]
    [InlineData("failed", "person-unreachable", "referrals.referral-failed.v1")]
    [InlineData("cancelled", "no-longer-needed", "referrals.referral-cancelled.v1")]
    [InlineData("entered-in-error", null, "referrals.referral-status-changed.v1")]
    public void Each_status_a_referral_moves_to_has_its_type_and_a_status_this_version_does_not_know_is_still_told(string status, string? businessStatus, string type)
    {
        var notifications = ReferralNotifications.Of(new ReferralStatusChanged(ReferralId, CaseId, Referring, Recipient, status, businessStatus, At), MessageId);

        notifications.Select(n => n.Type).ShouldBe([type, type]);
        NotificationTypes.All.ShouldContain(type);
        var (referrers, recipients) = (Json(notifications[0]).GetProperty("data"), Json(notifications[1]).GetProperty("data"));
        referrers.GetProperty("status").GetString().ShouldBe(status);
        recipients.GetProperty("status").GetString().ShouldBe(status);
        referrers.GetProperty("caseId").GetGuid().ShouldBe(CaseId);
        Names(recipients).ShouldNotContain("caseId");
        Names(recipients).Contains("businessStatus").ShouldBe(businessStatus is not null);
    }

    [Fact]
    public void An_overdue_re_routed_or_ended_referral_tells_both_sides_and_only_the_referrer_learns_its_case_and_where_the_person_was_re_routed()
    {
        var newReferralId = Guid.CreateVersion7();
        IReadOnlyList<Notification>[] pairs =
        [
            ReferralNotifications.Of(new ReferralOverdue(ReferralId, CaseId, Referring, Recipient, At.AddDays(-1), At), MessageId),
            ReferralNotifications.Of(new ReferralRerouted(ReferralId, CaseId, Referring, Recipient, newReferralId, At), MessageId),
            ReferralNotifications.Of(new ReferralAccessEnded(ReferralId, CaseId, Referring, Recipient, "consent-expired", At.AddMinutes(-1), At), MessageId),
        ];

        pairs.Select(pair => pair[0].Type).ShouldBe([NotificationTypes.ReferralOverdue, NotificationTypes.ReferralRerouted, NotificationTypes.ReferralAccessEnded]);
        pairs.ShouldAllBe(pair => pair.Count == 2 && pair[0].Type == pair[1].Type && pair[0].Subject == $"/api/referrals/{ReferralId}" && pair[1].Subject == pair[0].Subject);
        Json(pairs[1][0]).GetProperty("data").GetProperty("newReferralId").GetGuid().ShouldBe(newReferralId);
        Json(pairs[2][1]).GetProperty("data").GetProperty("reason").GetString().ShouldBe("consent-expired");
        Json(pairs[2][1]).GetProperty("data").GetProperty("consentExpiredAt").GetDateTimeOffset().ShouldBe(At.AddMinutes(-1));
        Names(Json(pairs[0][1]).GetProperty("data")).ShouldBe(["referralId", "referringOrganizationId", "recipientOrganizationId", "respondBy", "markedAt"], ignoreOrder: true);
        foreach (var recipients in pairs.Select(pair => pair[1].ToCloudEventJson()))
        {
            recipients.ShouldNotContain(CaseId.ToString());
            recipients.ShouldNotContain(newReferralId.ToString());
        }
    }

    [Fact]
    public void A_change_made_after_the_recipients_access_ended_is_told_to_the_referrer_alone()
    {
        var newReferralId = Guid.CreateVersion7();
        IReadOnlyList<Notification>[] told =
        [
            ReferralNotifications.Of(new ReferralStatusChanged(ReferralId, CaseId, Referring, Recipient, "cancelled", null, At, RecipientHasAccess: false), MessageId),
            ReferralNotifications.Of(new ReferralRerouted(ReferralId, CaseId, Referring, Recipient, newReferralId, At, RecipientHasAccess: false), MessageId),
        ];

        told.ShouldAllBe(notifications => notifications.Count == 1 && notifications[0].Id == MessageId
            && notifications[0].EntitledOrganizations.Count == 1 && notifications[0].EntitledOrganizations[0] == Referring);
    }

    [Fact]
    public void A_change_published_before_recipients_access_was_recorded_on_it_reads_as_told_to_both_sides()
    {
        // As a message from a referrals service older than the field arrives: without it.
        var json = JsonSerializer.Serialize(new ReferralStatusChanged(ReferralId, CaseId, Referring, Recipient, "cancelled", null, At), JsonSerializerOptions.Web)
            .Replace(",\"recipientHasAccess\":true", "", StringComparison.Ordinal);
        json.ShouldNotContain("recipientHasAccess");

        var message = JsonSerializer.Deserialize<ReferralStatusChanged>(json, JsonSerializerOptions.Web)!;

        message.RecipientHasAccess.ShouldBeTrue();
        ReferralNotifications.Of(message, MessageId).Select(n => n.EntitledOrganizations.Single()).ShouldBe([Referring, Recipient]);
    }

    [Fact]
    public void A_referral_to_a_service_of_the_referring_organization_itself_is_one_notification_as_the_referrer_reads_it()
    {
        var notifications = ReferralNotifications.Of(new ReferralStatusChanged(ReferralId, CaseId, Referring, Referring, "accepted", null, At), MessageId);

        var notification = notifications.ShouldHaveSingleItem();
        notification.Id.ShouldBe(MessageId);
        notification.EntitledOrganizations.ShouldBe([Referring]);
        Json(notification).GetProperty("data").GetProperty("caseId").GetGuid().ShouldBe(CaseId);
    }

    [Fact]
    public void The_recipients_notification_id_is_the_same_for_every_copy_of_a_message_and_no_other_messages()
    {
        var id = ReferralNotifications.RecipientNotificationId(MessageId);

        ReferralNotifications.RecipientNotificationId(MessageId).ShouldBe(id);
        id.ShouldNotBe(MessageId);
        id.Version.ShouldBe(8);
        (id.Variant & 0b1100).ShouldBe(0b1000);
        Enumerable.Range(0, 1000).Select(_ => ReferralNotifications.RecipientNotificationId(Guid.NewGuid())).Append(id).Distinct().Count().ShouldBe(1001);
        // Webhook ids partners dedupe on: the same message gives the same id in every version of the service.
        ReferralNotifications.RecipientNotificationId(Guid.Parse("0195a1b2-0000-7000-8000-0000000000ff"))
            .ShouldBe(Guid.Parse("c8320792-9755-886b-84bb-21c7964bf48b"));
    }

    private static JsonElement Json(Notification notification) => JsonDocument.Parse(notification.ToCloudEventJson()).RootElement;

    private static List<string> Names(JsonElement data) => [.. data.EnumerateObject().Select(property => property.Name)];
}
