using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.Types;

namespace Platform.EventStore.Benchmarks;

/// <summary>What every measurement shares: options, event types, logging, progress output, and the figures.</summary>
internal sealed class BenchContext(BenchOptions options, ILoggerFactory logging)
{
    public BenchOptions Options => options;

    public EventTypeRegistry Types { get; } = BenchEvents.Registry();

    public ILoggerFactory Logging => logging;

    /// <summary>Progress and diagnostics: stderr, so stdout carries only <c>name: value</c> lines.</summary>
    public TextWriter Progress { get; } = Console.Error;

    public Figures Figures { get; } = new();

    /// <summary>Round -1 is the warm-up.</summary>
    public TimeSpan RoundDuration(int round) => TimeSpan.FromSeconds(round < 0 ? options.WarmupSeconds : options.RoundSeconds);

    /// <summary>
    /// Client and server CPU microseconds per event, of both sides: <c>{prefix}_{storeName}_client_cpu_us_per_event</c>
    /// and so on (the names are of what was compared, when not the store and the baseline).
    /// </summary>
    public void AddCpu(
        string prefix, Alternating.Side store, Alternating.Side baseline, string storeName = "store", string baselineName = "baseline")
    {
        Figures.Add($"{prefix}_{storeName}_client_cpu_us_per_event", store.ClientCpuMicrosecondsPerEvent, 1);
        Figures.Add($"{prefix}_{baselineName}_client_cpu_us_per_event", baseline.ClientCpuMicrosecondsPerEvent, 1);
        if (store.ServerCpuMicrosecondsPerEvent is { } storeServer && baseline.ServerCpuMicrosecondsPerEvent is { } baselineServer)
        {
            Figures.Add($"{prefix}_{storeName}_server_cpu_us_per_event", storeServer, 1);
            Figures.Add($"{prefix}_{baselineName}_server_cpu_us_per_event", baselineServer, 1);
        }
        if (store.OthersCpuPercent is { } storeOthers && baseline.OthersCpuPercent is { } baselineOthers)
        {
            // How much of the machine other processes took meanwhile: high values make absolute rates unreliable.
            Figures.Add($"{prefix}_other_processes_cpu_percent", (storeOthers + baselineOthers) / 2, 0);
        }
    }

    /// <summary>Refuses to compare against a baseline table that is not shaped like <c>events</c>.</summary>
    public async Task CheckBaselineShapeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var (same, events, baseline) = await Baseline.DescribeAsync(dataSource, cancellationToken);
        Progress.WriteLine($"baseline: {Baseline.Table} (like events including all):");
        foreach (var line in baseline)
        {
            Progress.WriteLine($"  {line}");
        }
        if (!same)
        {
            throw new InvalidOperationException(
                $"{Baseline.Table} is not shaped like events.\nevents:\n  {string.Join("\n  ", events)}\n{Baseline.Table}:\n  {string.Join("\n  ", baseline)}");
        }
    }
}
