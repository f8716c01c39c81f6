namespace Notifications.Notifying;

/// <summary>
/// Who may learn of an event, one rule per kind of resource, all in this one place: a notification
/// goes to these organizations' feeds and endpoints and to no one else's.
/// </summary>
public static class Entitled
{
    /// <summary>A report's receiving organization only: the reporter chose it.</summary>
    public static IReadOnlyList<Guid> ReceivingOrganization(Guid organizationId) => [organizationId];

    /// <summary>A case's handling organization only (anyone else entitled to a case, an auditor say, reads it through the API, where that is checked and logged).</summary>
    public static IReadOnlyList<Guid> HandlingOrganization(Guid organizationId) => [organizationId];
}
