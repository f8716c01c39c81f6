using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Platform.Messaging;

namespace EndToEnd.Tests;

/// <summary>
/// A consumer of the platform's integration events on its own queue of the real broker, keeping
/// each message's raw body: what any subscriber, or anyone reading the broker, would see.
/// </summary>
public sealed class BrokerObserver : IAsyncDisposable
{
    private readonly IBusControl bus;
    private readonly ConcurrentQueue<(Type Type, object Message, string Body)> received = new();

    private BrokerObserver(string amqpUri, Action<IRabbitMqReceiveEndpointConfigurator, BrokerObserver> consume)
    {
        var broker = BrokerAddress.Parse(amqpUri);
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.Username);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"e2e-observer-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                consume(endpoint, this);
            });
        });
    }

    /// <summary>Starts observing; the queue is bound when this returns, so nothing published after is missed.</summary>
    public static async Task<BrokerObserver> StartAsync(string amqpUri, Action<IRabbitMqReceiveEndpointConfigurator, BrokerObserver> consume)
    {
        var observer = new BrokerObserver(amqpUri, consume);
        await observer.bus.StartAsync();
        return observer;
    }

    public void Record<T>(ConsumeContext<T> context) where T : class =>
        received.Enqueue((typeof(T), context.Message, Encoding.UTF8.GetString(context.ReceiveContext.Body.GetBytes())));

    /// <summary>The messages of type <typeparamref name="T"/> matching <paramref name="match"/>, once there are at least <paramref name="count"/> (or a minute passed).</summary>
    public async Task<IReadOnlyList<(T Message, string Body)>> WaitForAsync<T>(Func<T, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var found = received.Where(r => r.Type == typeof(T) && match((T)r.Message)).Select(r => ((T)r.Message, r.Body)).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
