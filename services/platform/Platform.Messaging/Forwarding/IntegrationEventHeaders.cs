namespace Platform.Messaging.Forwarding;

/// <summary>
/// Headers the forwarder puts on every integration event, so a consumer can log, authorize and
/// correlate without the contract record having to repeat them.
/// </summary>
public static class IntegrationEventHeaders
{
    /// <summary>The stored domain event type name (<c>cases.case-opened.v1</c>) the message was made from.</summary>
    public const string EventType = "Platform-Event-Type";

    /// <summary>The organization of the actor who caused the event; absent for the platform's own actors.</summary>
    public const string OrganizationId = "Platform-Organization-Id";

    /// <summary>
    /// The correlation id of the command that caused the event, always. It is also MassTransit's
    /// CorrelationId when it is a Guid, but correlation ids are often W3C trace ids, which are not.
    /// </summary>
    public const string CorrelationId = "Platform-Correlation-Id";
}
