namespace Platform.Messaging.Forwarding;

/// <summary>How long one batch may wait for the broker's confirms before it fails and is retried.</summary>
public sealed class EventForwarderOptions
{
    /// <summary>
    /// MassTransit waits for a lost connection to come back for as long as the publish is not
    /// cancelled (hours), so without this bound a batch would hang and the subscription would show
    /// nothing wrong. A few hundred confirms take well under a second on a healthy broker.
    /// </summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
