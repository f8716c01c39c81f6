namespace Platform.Messaging;

/// <summary>The parts of an <c>amqp://user:password@host:port/vhost</c> URI that MassTransit takes one by one.</summary>
public sealed record BrokerAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    private const ushort DefaultPort = 5672;

    public static BrokerAddress Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)
            || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ServiceBus.ConnectionStringName} must be an amqp://user:password@host:port/vhost URI.");
        }

        var credentials = uri.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : (ushort)uri.Port,
            virtualHost.Length == 0 ? "/" : virtualHost,
            credentials[0].Length == 0 ? "guest" : Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
