using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.EventStore;
using Platform.Messaging.Forwarding;
using Platform.ServiceDefaults;
using Xunit.Abstractions;

namespace Platform.Messaging.Tests;

/// <summary>
/// A service as the platform wires one: its own database with the event store, the service bus with
/// a consumer, and the forwarder publishing <see cref="WidgetCounted"/> (and nothing else) as
/// <see cref="Contracts.WidgetCounted"/>. In process, without HTTP.
/// </summary>
public sealed class ForwarderHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ForwarderHost(WebApplication app) => this.app = app;

    public EventStore.EventStore Store => app.Services.GetRequiredService<EventStore.EventStore>();

    public ReceivedMessages Received => app.Services.GetRequiredService<ReceivedMessages>();

    public static async Task<ForwarderHost> StartAsync(string postgres, string rabbitMq, ITestOutputHelper output)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ForwarderHost).Assembly.GetName().Name,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ServiceDatabase.ConnectionStringName}"] = postgres,
            [$"ConnectionStrings:{ServiceBus.ConnectionStringName}"] = rabbitMq,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        // Health checks log every unhealthy probe as an error; the waits below poll them on purpose.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReceivedMessages>();

        builder.AddServiceDatabase();
        builder.AddEventStore(Widgets.Register)
            .AddEventForwarder(map => map
                .Publish<WidgetCounted>((counted, _) => new Contracts.WidgetCounted(counted.WidgetId, counted.Count, counted.CountedAt)));
        builder.AddServiceBus(bus => bus.AddConsumer<RecordingConsumer>());

        var app = builder.Build();
        await app.StartAsync();
        var host = new ForwarderHost(app);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>The health report's entry for the forwarder and the other subscriptions (degraded while it retries).</summary>
    public async Task<HealthReportEntry> SubscriptionsHealthAsync() =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["subscriptions"];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // The consumer's queue must be bound before the first publish: a message published to an
    // exchange nothing is bound to yet is confirmed by RabbitMQ and then dropped.
    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var health = app.Services.GetRequiredService<HealthCheckService>();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var report = await health.CheckHealthAsync();
            if (report.Status == HealthStatus.Healthy)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The host did not become healthy: "
                    + string.Join("; ", report.Entries.Select(entry => $"{entry.Key}={entry.Value.Status} {entry.Value.Description}")));
            }
            await Task.Delay(100);
        }
    }
}
