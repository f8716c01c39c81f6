using Yarp.ReverseProxy.Configuration;

namespace Gateway;

/// <summary>
/// Every cluster's destinations are probed on <c>/health/ready</c> unless its configuration says
/// otherwise, so a service that is not ready stops getting traffic. With every destination of a
/// cluster down, requests still go to them (HealthyOrPanic): the caller gets the service's own
/// answer or a 502, never a silent 503 from an empty cluster.
/// </summary>
public sealed class ActiveHealthChecks : IProxyConfigFilter
{
    private static readonly HealthCheckConfig Default = new()
    {
        AvailableDestinationsPolicy = "HealthyOrPanic",
        Active = new ActiveHealthCheckConfig
        {
            Enabled = true,
            Interval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(5),
            Policy = "ConsecutiveFailures",
            Path = "/health/ready",
        },
    };

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster.HealthCheck is null ? cluster with { HealthCheck = Default } : cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
