namespace Notifications.Notifying;

/// <summary>Notifications about the notification service itself, to the endpoint's own organization.</summary>
public static class EndpointNotifications
{
    public static Notification Disabled(Guid endpointId, Guid organizationId, DateTimeOffset failingSince, DateTimeOffset disabledAt) =>
        new(Guid.CreateVersion7(disabledAt), NotificationTypes.EndpointDisabled, "/api/notifications",
            $"/api/notifications/endpoints/{endpointId}", disabledAt, Urgent: false, [organizationId],
            new { endpointId, organizationId, failingSince, disabledAt, reason = "failing-too-long" });
}
