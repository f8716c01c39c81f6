using Platform.EventStore;
using Platform.ServiceDefaults.Access;

namespace Platform.Messaging;

public static class CallerActor
{
    /// <summary>The event store's actor for what a caller does: client, organization and the staff member it acts for.</summary>
    public static Actor ToActor(this Caller caller) => new(caller.ClientId, caller.OrganizationId, caller.OnBehalfOf);
}
