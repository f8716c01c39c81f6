namespace Platform.Testing;

/// <summary>
/// Where the real servers of a test run are. <c>./platform test</c> starts throw-away ones and
/// sets these variables; set them yourself to run the tests against servers of your own.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("PLATFORM_PG_ADMIN", "Host=127.0.0.1;Port=56432;Username=postgres;Password=...");

    public static Uri RabbitMqAmqp => new(Required("PLATFORM_RABBITMQ_AMQP", "amqp://guest:guest@127.0.0.1:56672"));

    public static Uri RabbitMqManagement => new(Required("PLATFORM_RABBITMQ_MANAGEMENT", "http://127.0.0.1:56673"));

    public static string RabbitMqUser => Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_USER") ?? "guest";

    public static string RabbitMqPassword => Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ_PASSWORD") ?? "guest";

    private static string Required(string name, string example) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with ./platform test, or point them at your own server: {name}={example}");
}
