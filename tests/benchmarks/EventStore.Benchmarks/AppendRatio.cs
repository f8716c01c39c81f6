using System.Globalization;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// <c>append_ratio_1_writer</c>, <c>append_ratio_16_writers</c>: single-event appends per second
/// through the store, divided by single-row INSERTs per second of the same rows into the baseline
/// table, at the same concurrency, same duration, same data source.
/// </summary>
internal static class AppendRatio
{
    // A stream takes 10 single-event appends, then the writer starts the next: one append in ten
    // starts a stream (NoStream), nine continue one (Exactly(version)).
    private const int AppendsPerStream = 10;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(context.Options.AdminConnectionString, "append", cancellationToken);
        await using var running = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken);
        await Baseline.CreateAsync(database.DataSource, cancellationToken);
        await context.CheckBaselineShapeAsync(database.DataSource, cancellationToken);
        var cpu = await CpuMeter.ForServerOfAsync(database.DataSource, cancellationToken);

        foreach (var writers in new[] { 1, 16 })
        {
            var name = writers == 1 ? "1_writer" : $"{writers}_writers";
            Task<Measured> Run(int round, char side, Func<StreamCursor, Task> append)
            {
                var cursors = Enumerable.Range(0, writers)
                    .Select(writer => new StreamCursor(Prefix(side, writers, round, writer), AppendsPerStream, eventsPerAppend: 1))
                    .ToArray();
                return Load.RunAsync(writers, context.RoundDuration(round), eventsPerOperation: 1, cpu,
                    writer => append(cursors[writer].Next()));
            }

            var (store, baseline) = await Alternating.RunAsync($"append {name}", context.Options.Rounds, context.Progress,
                round => Run(round, 's', cursor => StoreSide.AppendOneAsync(running.Store, cursor, DateTimeOffset.UtcNow, cancellationToken)),
                round => Run(round, 'b', cursor => Baseline.InsertOneAsync(database.DataSource, context.Types, cursor, DateTimeOffset.UtcNow, cancellationToken)));

            context.Figures.Add($"append_per_s_{name}_store", store.MedianEventsPerSecond);
            context.Figures.Add($"append_per_s_{name}_baseline", baseline.MedianEventsPerSecond);
            context.AddCpu($"append_{name}", store, baseline);
            context.Figures.AddGoal($"append_ratio_{name}", store.MedianEventsPerSecond / baseline.MedianEventsPerSecond, 3, atLeast: true, 0.8);
        }
    }

    /// <summary>Same length for both sides, so index keys are the same size: <c>s01r03w07</c>.</summary>
    public static string Prefix(char side, int writers, int round, int writer) =>
        string.Create(CultureInfo.InvariantCulture, $"{side}{writers:D2}r{round + 1:D2}w{writer:D2}");
}
