namespace Platform.EventStore.Benchmarks;

/// <summary>
/// <c>batch_append_ratio</c>: events per second appended 100 at a time through the store, divided by
/// the same rows written 100 at a time by one multi-row INSERT each (<see cref="Baseline.InsertBatchAsync"/>).
/// One writer, so the figure is the cost of one statement's work, not of contention.
/// </summary>
internal static class BatchRatio
{
    private const int EventsPerAppend = 100;

    // Ten batches per stream: the first starts it (NoStream), the other nine continue it (Exactly(version)).
    private const int AppendsPerStream = 10;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(context.Options.AdminConnectionString, "batch", cancellationToken);
        await using var running = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken);
        await Baseline.CreateAsync(database.DataSource, cancellationToken);
        var cpu = await CpuMeter.ForServerOfAsync(database.DataSource, cancellationToken);

        Task<Measured> Run(int round, char side, Func<StreamCursor, Task> append)
        {
            var cursor = new StreamCursor(AppendRatio.Prefix(side, EventsPerAppend, round, 0), AppendsPerStream, EventsPerAppend);
            return Load.RunAsync(writers: 1, context.RoundDuration(round), EventsPerAppend, cpu, _ => append(cursor.Next()));
        }

        var (store, baseline) = await Alternating.RunAsync("batch append", context.Options.Rounds, context.Progress,
            round => Run(round, 's', cursor => StoreSide.AppendBatchAsync(running.Store, cursor, EventsPerAppend, DateTimeOffset.UtcNow, cancellationToken)),
            round => Run(round, 'b', cursor => Baseline.InsertBatchAsync(database.DataSource, context.Types, cursor, EventsPerAppend, DateTimeOffset.UtcNow, cancellationToken)));

        context.Figures.Add("batch_append_events_per_s_store", store.MedianEventsPerSecond);
        context.Figures.Add("batch_append_events_per_s_baseline", baseline.MedianEventsPerSecond);
        context.AddCpu("batch_append", store, baseline);
        context.Figures.AddGoal("batch_append_ratio", store.MedianEventsPerSecond / baseline.MedianEventsPerSecond, 3, atLeast: true, 0.8);
    }
}
