using System.Globalization;
using System.Net;
using Gateway.Benchmarks;
using Platform.Testing;

// ./platform bench gateway [--seconds N] [--rounds N] [--connections N]
// The same authenticated endpoint (GET /api/cases: token validated, scope checked) through the
// gateway and directly, same run, same load: latency at one request at a time, throughput at saturation.
var seconds = Option("--seconds", 3);
var rounds = Option("--rounds", 5);
var connections = Option("--connections", 32);
var progress = Console.Error;

await using var platform = new BenchPlatform();
progress.WriteLine("bench: starting identity, cases and the gateway");
await platform.StartAsync();
var token = await TokenRequests.GetAsync(platform.Gateway.Client, "riverside-school", BenchPlatform.DemoSecret);

HttpClient Client(Uri address, int pool) => new(new SocketsHttpHandler { MaxConnectionsPerServer = pool, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = address,
    DefaultRequestVersion = HttpVersion.Version11,
};
var duration = TimeSpan.FromSeconds(seconds);

using var gatewaySingle = Client(platform.Gateway.Address, 1);
using var directSingle = Client(platform.Cases.Address, 1);
var (gatewayP50, directP50) = await Load.AlternatingAsync("latency (1 connection)", rounds, progress,
    () => Load.RunAsync(gatewaySingle, "/api/cases", token, 1, duration),
    () => Load.RunAsync(directSingle, "/api/cases", token, 1, duration),
    measured => measured.P50Ms);

using var gatewayPool = Client(platform.Gateway.Address, connections);
using var directPool = Client(platform.Cases.Address, connections);
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
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gateway_overhead_p50_ms = {overhead:F3} (goal <= 0.3): {(overhead <= 0.3 ? "met" : "MISSED")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gateway_throughput_ratio = {ratio:F3} (goal >= 0.6): {(ratio >= 0.6 ? "met" : "MISSED")}"));
return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Print(string name, double value, int decimals) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value.ToString("F" + decimals, CultureInfo.InvariantCulture)}"));
