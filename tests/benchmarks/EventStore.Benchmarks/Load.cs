using System.Diagnostics;
using System.Globalization;

namespace Platform.EventStore.Benchmarks;

/// <summary>What one timed run did: operations, events, wall time, and the CPU it cost client and server.</summary>
internal sealed record Measured(long Operations, long Events, TimeSpan Elapsed, CpuSample Cpu)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>Closed-loop load: writers that each start the next operation as soon as the last one returned.</summary>
internal static class Load
{
    /// <summary>
    /// Runs <paramref name="writers"/> concurrent loops of <paramref name="operation"/>(writer) until
    /// <paramref name="duration"/> is up. Operations still running then are finished and counted; the
    /// elapsed time runs until the last one returned.
    /// </summary>
    public static async Task<Measured> RunAsync(
        int writers, TimeSpan duration, int eventsPerOperation, CpuMeter cpu, Func<int, Task> operation)
    {
        var counts = new long[writers];
        var before = cpu.Sample();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await operation(writer);
                counts[writer]++;
            }
        })));
        var elapsed = clock.Elapsed;
        var operations = counts.Sum();
        return new Measured(operations, operations * eventsPerOperation, elapsed, cpu.Sample() - before);
    }
}

/// <summary>
/// Store and baseline in alternating rounds (store first in even rounds, baseline first in odd ones),
/// after a warm-up of each (round -1), so drift (a growing table, autovacuum, a busy neighbour) hits both
/// sides alike. Rates are the medians of the rounds; CPU per event is summed over all rounds.
/// </summary>
internal static class Alternating
{
    public sealed record Side(
        double MedianEventsPerSecond, double ClientCpuMicrosecondsPerEvent, double? ServerCpuMicrosecondsPerEvent, double? OthersCpuPercent);

    /// <summary>
    /// <paramref name="storeName"/> and <paramref name="baselineName"/> name the sides in progress
    /// lines, when the two are not the store and the plain INSERTs; <paramref name="afterWarmup"/>
    /// runs between the warm-up and the first round.
    /// </summary>
    public static async Task<(Side Store, Side Baseline)> RunAsync(
        string label, int rounds, TextWriter progress,
        Func<int, Task<Measured>> store, Func<int, Task<Measured>> baseline,
        string storeName = "store", string baselineName = "baseline", Func<Task>? afterWarmup = null)
    {
        progress.WriteLine($"{label}: warm-up");
        await store(-1);
        await baseline(-1);
        if (afterWarmup is not null)
        {
            await afterWarmup();
        }

        var storeRounds = new List<Measured>();
        var baselineRounds = new List<Measured>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                storeRounds.Add(await store(round));
                baselineRounds.Add(await baseline(round));
            }
            else
            {
                baselineRounds.Add(await baseline(round));
                storeRounds.Add(await store(round));
            }
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: round {round + 1}/{rounds}: {storeName} {storeRounds[^1].EventsPerSecond:N0} events/s, {baselineName} {baselineRounds[^1].EventsPerSecond:N0} events/s, ratio {storeRounds[^1].EventsPerSecond / baselineRounds[^1].EventsPerSecond:F3}; other processes used {Others(storeRounds[^1], baselineRounds[^1])} of the machine"));
        }
        return (Summarize(storeRounds), Summarize(baselineRounds));
    }

    private static Side Summarize(List<Measured> rounds)
    {
        var events = rounds.Sum(round => round.Events);
        var cpu = rounds.Skip(1).Aggregate(rounds[0].Cpu, (sum, round) => sum + round.Cpu);
        return new Side(
            Median(rounds.Select(round => round.EventsPerSecond)),
            cpu.Client.TotalMicroseconds / events,
            cpu.Server?.TotalMicroseconds / events,
            cpu.OthersPercent(rounds.Aggregate(TimeSpan.Zero, (sum, round) => sum + round.Elapsed)));
    }

    private static string Others(Measured store, Measured baseline) =>
        (store.Cpu + baseline.Cpu).OthersPercent(store.Elapsed + baseline.Elapsed) is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"{percent:F0}%")
            : "an unknown share";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
