using Platform.EventStore;

namespace Platform.Messaging.Forwarding;

/// <summary>
/// Which domain events leave the service, and as what. Domain events are private by default: only
/// a type registered here is published, and always as its <c>&lt;Service&gt;.Contracts</c> record, so a
/// change to a domain event can never change a public contract by accident.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<RecordedEvent, object>> mappings = [];

    /// <summary>Publishes every <typeparamref name="TEvent"/> as what <paramref name="toContract"/> makes of it.</summary>
    public IntegrationEventMap Publish<TEvent>(Func<RecordedEvent, object> toContract) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(toContract);
        if (!mappings.TryAdd(typeof(TEvent), toContract))
        {
            throw new InvalidOperationException($"{typeof(TEvent).Name} is already mapped to an integration event.");
        }
        return this;
    }

    /// <summary>As <see cref="Publish{TEvent}(Func{RecordedEvent, object})"/>, with the event's data already typed.</summary>
    public IntegrationEventMap Publish<TEvent>(Func<TEvent, RecordedEvent, object> toContract) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(toContract);
        return Publish<TEvent>(recorded => toContract((TEvent)recorded.Data, recorded));
    }

    public bool IsPublic(Type eventType) => mappings.ContainsKey(eventType);

    /// <summary>The contract record to publish for <paramref name="recorded"/>, or null when its type is private.</summary>
    public object? Map(RecordedEvent recorded)
    {
        if (!mappings.TryGetValue(recorded.Data.GetType(), out var toContract))
        {
            return null;
        }
        // A mapping that yields nothing is a bug, not a way to keep one event private: failing makes
        // the forwarder retry (and report it) instead of silently dropping a public event.
        var contract = toContract(recorded)
            ?? throw new InvalidOperationException($"The mapping of {recorded.EventType} returned null for event {recorded.EventId}.");
        if (contract.GetType().IsValueType)
        {
            throw new InvalidOperationException($"The mapping of {recorded.EventType} must return a record class, not {contract.GetType().Name}.");
        }
        return contract;
    }
}
