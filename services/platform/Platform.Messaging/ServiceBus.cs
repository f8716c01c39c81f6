using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging;

public static class ServiceBus
{
    public const string ConnectionStringName = "RabbitMQ";

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:RabbitMQ</c>
    /// (<c>amqp://user:password@host:port/vhost</c>). MassTransit registers the bus health check
    /// with the <c>ready</c> tag itself, so <c>/health/ready</c> fails while the broker is away.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var broker = BrokerAddress.Parse(context.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName));
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    host.PublisherConfirmation = true;
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
