using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.EventStore.Subscriptions;

namespace Platform.Messaging.Forwarding;

public static class ForwarderHosting
{
    public const string SubscriptionName = "forwarder";

    /// <summary>
    /// Publishes the events <paramref name="map"/> makes public through the service bus
    /// (<see cref="ServiceBus.AddServiceBus"/>), from the subscription <c>forwarder</c>. It never
    /// parks: a broker outage is waited out, retrying at most every few seconds, and nothing after
    /// the batch that failed is published before it.
    /// </summary>
    public static EventStoreBuilder AddEventForwarder(
        this EventStoreBuilder builder, Action<IntegrationEventMap> map, Action<EventForwarderOptions>? configure = null)
    {
        var events = new IntegrationEventMap();
        map(events);
        var options = new EventForwarderOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(options);
        return builder.AddSubscription<EventForwarder>(new SubscriptionOptions(SubscriptionName)
        {
            ParkAfterAttempts = null,
            MaxRetryDelay = TimeSpan.FromSeconds(5),
            // Contracts carry no personal data, so the forwarder never holds any: no key fetched, nothing decrypted.
            OpensPersonalData = false,
        });
    }
}
