using System.Text.Json;
using Cases.Contracts;
using Notifications.Notifying;

namespace Notifications.Tests.Notifying;

public sealed class CaseNotificationsSpecs
{
    private static readonly Guid CaseId = Guid.CreateVersion7();
    private static readonly Guid Handling = Guid.CreateVersion7();
    private static readonly Guid MessageId = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_opened_case_is_a_cloud_event_about_the_case_for_the_handling_organization_only()
    {
        var reportId = Guid.CreateVersion7();
        var notification = CaseNotifications.Of(new CaseOpened(CaseId, Handling, reportId, At), MessageId);

        notification.EntitledOrganizations.ShouldBe([Handling]);
        notification.Urgent.ShouldBeFalse();
        var json = JsonDocument.Parse(notification.ToCloudEventJson()).RootElement;
        json.GetProperty("id").GetString().ShouldBe(MessageId.ToString());
        json.GetProperty("source").GetString().ShouldBe("/api/cases");
        json.GetProperty("type").GetString().ShouldBe("cases.case-opened.v1");
        json.GetProperty("subject").GetString().ShouldBe($"/api/cases/{CaseId}");
        json.GetProperty("time").GetDateTimeOffset().ShouldBe(At);
        var data = json.GetProperty("data");
        data.EnumerateObject().Select(property => property.Name).ShouldBe(["caseId", "organizationId", "reportId", "openedAt"], ignoreOrder: true);
        data.GetProperty("reportId").GetGuid().ShouldBe(reportId);
    }

    [Fact]
    public void Every_case_contract_is_addressed_to_its_case_and_its_handling_organization_with_vocabulary_as_sent()
    {
        Notification[] notifications =
        [
            CaseNotifications.Of(new CaseAcknowledged(CaseId, Handling, Late: true, At), MessageId),
            CaseNotifications.Of(new CaseWorkerAssigned(CaseId, Handling, Guid.CreateVersion7(), At), MessageId),
            CaseNotifications.Of(new CaseEscalated(CaseId, Handling, EscalationBasis.LegalOverride, At), MessageId),
            CaseNotifications.Of(new CaseClosed(CaseId, Handling, CaseOutcome.NoFurtherAction, At), MessageId),
            CaseNotifications.Of(new CaseReopened(CaseId, Handling, At), MessageId),
        ];

        notifications.ShouldAllBe(n => n.Subject == $"/api/cases/{CaseId}" && n.EntitledOrganizations.SequenceEqual(new[] { Handling }) && !n.Urgent);
        notifications.Select(n => n.Type).ShouldBe([NotificationTypes.CaseAcknowledged, NotificationTypes.CaseWorkerAssigned,
            NotificationTypes.CaseEscalated, NotificationTypes.CaseClosed, NotificationTypes.CaseReopened]);
        Data(notifications[0]).GetProperty("late").GetBoolean().ShouldBeTrue();
        Data(notifications[2]).GetProperty("basis").GetString().ShouldBe("legal-override");
        Data(notifications[3]).GetProperty("outcome").GetString().ShouldBe("no-further-action");
    }

    [Fact]
    public void Every_case_type_can_be_subscribed_to()
    {
        NotificationTypes.All.ShouldContain(NotificationTypes.CaseOpened);
        NotificationTypes.All.Where(type => type.StartsWith("cases.", StringComparison.Ordinal)).Count().ShouldBe(6);
    }

    private static JsonElement Data(Notification notification) => JsonDocument.Parse(notification.ToCloudEventJson()).RootElement.GetProperty("data");
}
