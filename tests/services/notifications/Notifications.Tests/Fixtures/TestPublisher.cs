using MassTransit;
using Platform.Messaging;

namespace Notifications.Tests.Fixtures;

/// <summary>
/// Publishes integration events to the test's RabbitMQ virtual host through MassTransit, as intake's
/// forwarder does (message id = the event's id), so the service consumes real messages from the real broker.
/// </summary>
public sealed class TestPublisher : IAsyncDisposable
{
    private readonly IBusControl bus;

    private TestPublisher(IBusControl bus) => this.bus = bus;

    public static async Task<TestPublisher> StartAsync(string amqpUri)
    {
        var broker = BrokerAddress.Parse(amqpUri);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.Username);
            host.Password(broker.Password);
            host.PublisherConfirmation = true;
        }));
        await bus.StartAsync();
        return new TestPublisher(bus);
    }

    /// <summary>Publishes with a fresh message id (or the one given: a redelivery) and returns it: the webhook id partners will see.</summary>
    public async Task<string> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await bus.Publish(message, context => context.MessageId = id);
        return id.ToString();
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
