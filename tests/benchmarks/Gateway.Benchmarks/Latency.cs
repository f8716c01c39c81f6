using System.Diagnostics;
using System.Net.Http.Headers;

namespace Gateway.Benchmarks;

/// <summary>What one timed run did: requests, failures, wall time and every request's latency.</summary>
internal sealed record Measured(long Requests, long Failures, TimeSpan Elapsed, List<double> LatenciesMs)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double P50Ms
    {
        get
        {
            LatenciesMs.Sort();
            return LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[LatenciesMs.Count / 2];
        }
    }
}

/// <summary>Closed-loop load: each connection sends the next request as soon as the last one answered.</summary>
internal static class Load
{
    public static async Task<Measured> RunAsync(HttpClient client, string path, string token, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var failures = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(connection => Task.Run(async () =>
        {
            var mine = latencies[connection] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var all = latencies.SelectMany(list => list).ToList();
        return new Measured(all.Count, failures, clock.Elapsed, all);
    }

    /// <summary>
    /// Through the gateway and direct in alternating rounds (gateway first in even rounds), after a
    /// warm-up of each, so drift hits both alike. Returns the median round of each side.
    /// </summary>
    public static async Task<(double Gateway, double Direct)> AlternatingAsync(
        string label, int rounds, TextWriter progress, Func<Task<Measured>> gateway, Func<Task<Measured>> direct, Func<Measured, double> figure)
    {
        await gateway();
        await direct();
        var (through, straight) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var first = round % 2 == 0 ? gateway : direct;
            var second = round % 2 == 0 ? direct : gateway;
            var a = Check(await first());
            var b = Check(await second());
            (round % 2 == 0 ? through : straight).Add(figure(a));
            (round % 2 == 0 ? straight : through).Add(figure(b));
            progress.WriteLine($"{label}: round {round + 1}/{rounds}: gateway {through[^1]:F3}, direct {straight[^1]:F3}");
        }
        return (Median(through), Median(straight));
    }

    private static Measured Check(Measured measured) =>
        measured.Failures == 0 ? measured : throw new InvalidOperationException($"{measured.Failures} of {measured.Requests} requests failed.");

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
