using System.Net;
using Gateway.Benchmarks;
using Platform.Testing;
using static Platform.Testing.BenchFigures;

// ./platform bench gateway [--seconds N] [--rounds N] [--connections N]
// The same authenticated endpoint (GET /api/cases: token validated, scope checked) through the
// gateway and directly, same run, same load: latency at one request at a time, throughput at saturation.
var seconds = Option(args, "--seconds", 3);
var rounds = Option(args, "--rounds", 5);
var connections = Option(args, "--connections", 32);
var progress = Console.Error;

progress.WriteLine("bench: starting identity, cases and the gateway");
await using var platform = await PlatformProcesses.StartAsync("bench_gateway", ["cases"], new Dictionary<string, Dictionary<string, string>>
{
    // Saturation is the point here: limits far above anything this machine can send.
    ["gateway"] = new()
    {
        ["Gateway__RateLimits__PerClient__PermitLimit"] = "100000000",
        ["Gateway__RateLimits__PerAddress__PermitLimit"] = "100000000",
    },
});
var token = await TokenRequests.GetAsync(platform.Gateway.Client, "riverside-school", PlatformProcesses.DemoSecret);

static HttpClient Client(Uri address, int pool) => new(new SocketsHttpHandler { MaxConnectionsPerServer = pool, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = address,
    DefaultRequestVersion = HttpVersion.Version11,
};
var duration = TimeSpan.FromSeconds(seconds);

using var gatewaySingle = Client(platform.Gateway.Address, 1);
using var directSingle = Client(platform["cases"].Address, 1);
var (gatewayP50, directP50) = await Load.AlternatingAsync("latency (1 connection)", rounds, progress,
    () => Load.RunAsync(gatewaySingle, "/api/cases", token, 1, duration),
    () => Load.RunAsync(directSingle, "/api/cases", token, 1, duration),
    measured => measured.P50Ms);

using var gatewayPool = Client(platform.Gateway.Address, connections);
using var directPool = Client(platform["cases"].Address, connections);
var (gatewayRps, directRps) = await Load.AlternatingAsync($"throughput ({connections} connections)", rounds, progress,
    () => Load.RunAsync(gatewayPool, "/api/cases", token, connections, duration),
    () => Load.RunAsync(directPool, "/api/cases", token, connections, duration),
    measured => measured.RequestsPerSecond);

var overhead = gatewayP50 - directP50;
var ratio = gatewayRps / directRps;
Print("direct_p50_ms", directP50, 3);
Print("gateway_p50_ms", gatewayP50, 3);
Print("gateway_overhead_p50_ms", overhead, 3);
Print("direct_requests_per_second", directRps, 0);
Print("gateway_requests_per_second", gatewayRps, 0);
Print("gateway_throughput_ratio", ratio, 3);
Console.WriteLine("goals:");
Goal($"gateway_overhead_p50_ms = {overhead:F3} (goal <= 0.3)", overhead <= 0.3);
Goal($"gateway_throughput_ratio = {ratio:F3} (goal >= 0.6)", ratio >= 0.6);
return 0;
