using System.Diagnostics;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A RabbitMQ of the test's own (<c>deploy/infra.sh</c> profile <c>broker</c>, 127.0.0.1:58672), for
/// tests that stop and restart the broker without disturbing the shared test broker. Started on
/// initialize, destroyed (data and all) on dispose. Only one test at a time may use it.
/// </summary>
public sealed class BrokerProfile : IAsyncLifetime
{
    private const string Profile = "broker";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(150);
    private Dictionary<string, string> environment = [];

    /// <summary><c>amqp://user:password@127.0.0.1:58672</c> (default virtual host), the shape of <c>ConnectionStrings:RabbitMQ</c>.</summary>
    public string AmqpUri => Variable("PLATFORM_RABBITMQ_AMQP");

    public Uri ManagementUri => new(Variable("PLATFORM_RABBITMQ_MANAGEMENT"));

    public string User => Variable("PLATFORM_RABBITMQ_USER");

    public string Password => Variable("PLATFORM_RABBITMQ_PASSWORD");

    public async Task InitializeAsync()
    {
        // Whatever a crashed run left behind goes first: every test class starts with an empty broker.
        await InfraAsync("destroy");
        await StartAsync();
        environment = ParseExports(await InfraAsync("env"));
    }

    /// <summary>Whether the broker was last started (true) or stopped (false) by this fixture.</summary>
    public bool Running { get; private set; }

    /// <summary>Starts the broker and returns once it answers AMQP and management requests.</summary>
    public async Task StartAsync()
    {
        await InfraAsync("start");
        Running = true;
    }

    /// <summary>
    /// Shuts the broker down (clients see their connections closed, then refused). Its durable queues
    /// and persistent messages are meant to be there again after <see cref="StartAsync"/>, as on any broker.
    /// </summary>
    public async Task StopAsync()
    {
        Running = false;
        await InfraAsync("stop");
    }

    public async Task DisposeAsync() => await InfraAsync("destroy");

    private string Variable(string name) =>
        environment.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"deploy/infra.sh env {Profile} did not set {name}; is the fixture initialized?");

    private static async Task<string> InfraAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryLayout.Root, "deploy", "infra.sh"), command, Profile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryLayout.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start deploy/infra.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/infra.sh {command} {Profile} did not finish within {CommandTimeout}: {await errors}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/infra.sh {command} {Profile} failed ({process.ExitCode}): {await errors}");
        }
        return await output;
    }

    // Lines of the form: export NAME=value, or export NAME="value".
    private static Dictionary<string, string> ParseExports(string exports) =>
        exports.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));
}
