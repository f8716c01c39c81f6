using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.EventStore.Projections;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Subscriptions;

/// <summary>A subscription to run in this process, and how to make its handler.</summary>
public sealed record SubscriptionRegistration(SubscriptionOptions Options, Func<IServiceProvider, ISubscriptionHandler> Handler);

/// <summary>Runs every registered subscription once the schema is in place, until the host stops.</summary>
internal sealed class SubscriptionHost(
    IServiceProvider services, IEnumerable<SubscriptionRegistration> registrations, IEnumerable<IProjection> projections,
    SchemaState schema, NpgsqlDataSource dataSource) : BackgroundService
{
    private readonly List<Subscription> running = [];

    public IReadOnlyList<Subscription> Running => running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Applied.WaitAsync(stoppingToken);
        foreach (var projection in projections)
        {
            await ProjectionSubscription.EnsureTablesAsync(dataSource, projection, stoppingToken);
        }
        var all = registrations.Concat(projections.Select(projection => new SubscriptionRegistration(
            new SubscriptionOptions(ProjectionSubscription.SubscriptionName(projection)), _ => new ProjectionSubscription(projection))));
        foreach (var registration in all)
        {
            running.Add(ActivatorUtilities.CreateInstance<Subscription>(services, registration.Options, registration.Handler(services)));
        }
        await Task.WhenAll(running.Select(subscription => subscription.RunAsync(stoppingToken)));
    }
}

/// <summary>Unhealthy while any subscription is parked (named, with its failure); degraded while one retries.</summary>
internal sealed class SubscriptionHealthCheck(SubscriptionHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var parked = host.Running.Where(s => s.Status == SubscriptionStatus.Parked).ToList();
        if (parked.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                string.Join("; ", parked.Select(s => $"{s.Name} parked at {s.Checkpoint}: {s.Failure}"))));
        }
        var retrying = host.Running.Where(s => s.Status == SubscriptionStatus.Retrying).ToList();
        return Task.FromResult(retrying.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", retrying.Select(s => $"{s.Name} retrying: {s.Failure}")))
            : HealthCheckResult.Healthy());
    }
}
