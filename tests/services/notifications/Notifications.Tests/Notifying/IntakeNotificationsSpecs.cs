using System.Text.Json;
using Intake.Contracts;
using Notifications.Notifying;

namespace Notifications.Tests.Notifying;

public sealed class IntakeNotificationsSpecs
{
    private static readonly Guid ReportId = Guid.CreateVersion7();
    private static readonly Guid Receiving = Guid.CreateVersion7();
    private static readonly Guid Submitting = Guid.CreateVersion7();
    private static readonly Guid MessageId = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_submitted_report_is_a_cloud_event_about_the_report_for_the_receiving_organization_only()
    {
        var notification = IntakeNotifications.Of(
            new ReportSubmitted(ReportId, Receiving, Submitting, ReportKind.Stalking, ReportSetting.Workplace, ReportMode.Anonymous, At), MessageId).Single();

        notification.EntitledOrganizations.ShouldBe([Receiving]);
        var json = JsonDocument.Parse(notification.ToCloudEventJson()).RootElement;
        json.GetProperty("specversion").GetString().ShouldBe("1.0");
        json.GetProperty("id").GetString().ShouldBe(MessageId.ToString());
        json.GetProperty("source").GetString().ShouldBe("/api/intake");
        json.GetProperty("type").GetString().ShouldBe("intake.report-submitted.v1");
        json.GetProperty("subject").GetString().ShouldBe($"/api/intake/reports/{ReportId}");
        json.GetProperty("time").GetDateTimeOffset().ShouldBe(At);
        json.GetProperty("datacontenttype").GetString().ShouldBe("application/json");
        json.GetProperty("data").GetProperty("reportId").GetGuid().ShouldBe(ReportId);
    }

    [Fact]
    public void The_data_is_thin_ids_and_times_and_no_detail_of_what_happened_or_who_sent_it()
    {
        var notification = IntakeNotifications.Of(
            new ReportSubmitted(ReportId, Receiving, Submitting, ReportKind.GenderBasedViolence, ReportSetting.Home, ReportMode.Confidential, At), MessageId)[0];

        var data = JsonDocument.Parse(notification.ToCloudEventJson()).RootElement.GetProperty("data");
        data.EnumerateObject().Select(property => property.Name).ShouldBe(["reportId", "receivingOrganizationId", "submittedAt"], ignoreOrder: true);
    }

    [Fact]
    public void The_triage_a_submission_arrives_with_is_told_as_a_report_triaged_notification_of_its_own_with_the_same_id_every_time()
    {
        var submitted = new ReportSubmitted(ReportId, Receiving, Submitting, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, At,
            new ReportTriage(ReportPriority.Normal, [], At.AddDays(7)));

        var notifications = IntakeNotifications.Of(submitted, MessageId);

        notifications.Select(n => n.Type).ShouldBe([NotificationTypes.ReportSubmitted, NotificationTypes.ReportTriaged]);
        notifications[0].Id.ShouldBe(MessageId);
        notifications[1].Id.ShouldNotBe(MessageId);
        notifications[1].Id.ShouldBe(IntakeNotifications.Of(submitted, MessageId)[1].Id);
        notifications.ShouldAllBe(n => n.EntitledOrganizations.SequenceEqual(new[] { Receiving }) && !n.Urgent);
        // The same data a separate triage message gives, so partners see one shape whichever message carried it.
        var data = JsonDocument.Parse(notifications[1].ToCloudEventJson()).RootElement.GetProperty("data");
        var separate = JsonDocument.Parse(IntakeNotifications.Of(
            new ReportTriaged(ReportId, Receiving, ReportPriority.Normal, [], At.AddDays(7), At), MessageId).ToCloudEventJson()).RootElement.GetProperty("data");
        data.GetRawText().ShouldBe(separate.GetRawText());
        data.GetProperty("priority").GetString().ShouldBe("normal");
    }

    [Fact]
    public void A_submission_triaged_urgent_is_also_told_as_an_urgent_report_delivered_ahead_with_the_same_id_every_time()
    {
        var submitted = new ReportSubmitted(ReportId, Receiving, Submitting, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, At,
            new ReportTriage(ReportPriority.Urgent, [TriageRule.ImmediateDanger], At.AddHours(24)));

        var notifications = IntakeNotifications.Of(submitted, MessageId);

        notifications.Select(n => (n.Type, n.Urgent)).ShouldBe([
            (NotificationTypes.ReportSubmitted, false), (NotificationTypes.ReportTriaged, false), (NotificationTypes.UrgentReportRaised, true)]);
        notifications.Select(n => n.Id).Distinct().Count().ShouldBe(3);
        notifications[2].Id.ShouldBe(IntakeNotifications.Of(submitted, MessageId)[2].Id);
        notifications[2].EntitledOrganizations.ShouldBe([Receiving]);
        // The same data the separate message of an earlier urgent report gave.
        var data = JsonDocument.Parse(notifications[2].ToCloudEventJson()).RootElement.GetProperty("data");
        var separate = JsonDocument.Parse(IntakeNotifications.Of(
            new UrgentReportRaised(ReportId, Receiving, [TriageRule.ImmediateDanger], At.AddHours(24), At), MessageId).ToCloudEventJson()).RootElement.GetProperty("data");
        data.GetRawText().ShouldBe(separate.GetRawText());
        notifications[2].ToCloudEventJson().ShouldNotContain("immediate");
    }

    [Fact]
    public void An_urgent_report_is_urgent_and_names_no_triage_reason()
    {
        var notification = IntakeNotifications.Of(
            new UrgentReportRaised(ReportId, Receiving, [TriageRule.MinorInvolved], At.AddHours(4), At), MessageId);

        notification.Urgent.ShouldBeTrue();
        notification.Type.ShouldBe(NotificationTypes.UrgentReportRaised);
        notification.ToCloudEventJson().ShouldNotContain("minor");
    }

    [Fact]
    public void Every_intake_contract_is_addressed_to_its_report_and_its_receiving_organization()
    {
        Notification[] notifications =
        [
            IntakeNotifications.Of(new ReportTriaged(ReportId, Receiving, ReportPriority.Normal, [], At.AddDays(7), At), MessageId),
            IntakeNotifications.Of(new ReportWithdrawn(ReportId, Receiving, At), MessageId),
            IntakeNotifications.Of(new MessagePosted(ReportId, Receiving, Guid.CreateVersion7(), MessageAuthor.Reporter, At), MessageId),
        ];

        notifications.ShouldAllBe(n => n.Subject == $"/api/intake/reports/{ReportId}" && n.EntitledOrganizations.SequenceEqual(new[] { Receiving }) && !n.Urgent);
        notifications.Select(n => n.Type).ShouldBe([NotificationTypes.ReportTriaged, NotificationTypes.ReportWithdrawn, NotificationTypes.MessagePosted]);
    }
}
