using System.Diagnostics;

namespace Platform.EventStore;

/// <summary>Who caused an event: the API client, its organization and the person it acted for.</summary>
public sealed record Actor(string ClientId, string? OrganizationId, string? OnBehalfOf)
{
    /// <summary>The platform itself (consumers, schedulers, migrations), never a person.</summary>
    public static Actor System(string component) => new($"system:{component}", null, null);
}

/// <summary>
/// Stored with every event. <see cref="Traceparent"/> is the W3C trace context of the append, so
/// the forwarder and consumers continue the same trace; correlation and causation ids link the
/// chain of commands and events across services.
/// </summary>
public sealed record EventMetadata(
    string CorrelationId,
    string? CausationId,
    string? Traceparent,
    Actor Actor,
    DateTimeOffset OccurredAt)
{
    /// <summary>Metadata for work caused by <paramref name="actor"/> now, in the current trace.</summary>
    public static EventMetadata For(Actor actor, string correlationId, DateTimeOffset occurredAt, string? causationId = null) =>
        new(correlationId, causationId, Activity.Current?.Id, actor, occurredAt);
}
