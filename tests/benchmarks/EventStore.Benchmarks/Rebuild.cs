using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// <c>rebuild_events_per_s</c>: <see cref="ProjectionRebuilder.RebuildAsync"/> of a one-row-per-stream
/// projection over a log of N events (streams of 10), timed from the call to its return (catch-up,
/// swap and all). The log is loaded first, as fast as concurrent 10-event appends go.
/// </summary>
internal static class Rebuild
{
    private const int EventsPerStream = 10;
    private const int LoadWriters = 8;

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var streams = (context.Options.RebuildEvents + EventsPerStream - 1) / EventsPerStream;
        var events = (long)streams * EventsPerStream;
        await using var database = await BenchDatabase.CreateAsync(context.Options.AdminConnectionString, "rebuild", cancellationToken);
        await using var running = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken);
        var cpu = await CpuMeter.ForServerOfAsync(database.DataSource, cancellationToken);
        var projection = new StreamSummaryProjection();
        // The live table the rebuilt one replaces (a service creates it when it starts the projection).
        await ExecuteAsync(database.DataSource, projection.CreateTablesSql(ProjectionTables.Live(projection)), cancellationToken);

        var loadRate = await LoadAsync(context, running.Store, streams, cancellationToken);
        context.Figures.Add("rebuild_load_events_per_s", loadRate);

        // A log that has been in place a while is vacuumed (visibility map set, hint bits written);
        // a rebuild right after a bulk load would pay for that first read too.
        var vacuum = Stopwatch.StartNew();
        await ExecuteAsync(database.DataSource, "vacuum (analyze) events", cancellationToken);
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuild: vacuum (analyze) events took {vacuum.Elapsed.TotalSeconds:F1} s"));

        var rebuilder = new ProjectionRebuilder(running.Store, running.Watcher);
        var before = cpu.Sample();
        var clock = Stopwatch.StartNew();
        var final = await rebuilder.RebuildAsync(projection, new ProgressLines(context.Progress), cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        var used = cpu.Sample() - before;
        if (final.EventsDone != events)
        {
            throw new InvalidOperationException($"The rebuild went through {final.EventsDone} events, not {events}.");
        }
        await VerifyAsync(database.DataSource, streams, cancellationToken);

        var rate = events / elapsed.TotalSeconds;
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild: {events:N0} events in {elapsed.TotalSeconds:F1} s: {rate:N0} events/s (the rebuilder's own figure: {final.EventsPerSecond:N0})"));
        context.Figures.Add("rebuild_events", events);
        context.Figures.Add("rebuild_client_cpu_us_per_event", used.Client.TotalMicroseconds / events, 2);
        if (used.Server is { } server)
        {
            context.Figures.Add("rebuild_server_cpu_us_per_event", server.TotalMicroseconds / events, 2);
        }
        if (used.OthersPercent(elapsed) is { } others)
        {
            context.Figures.Add("rebuild_other_processes_cpu_percent", others, 0);
        }
        context.Figures.AddGoal("rebuild_events_per_s", rate, 0, atLeast: true, 50_000);

        // The same log, verified: every stream's hash chain recomputed from the stored bytes.
        using var keys = new CheckpointKeys(signingKey: null, trustedPublicKeys: []);
        var verification = await IntegrityVerifier.VerifyAsync(database.DataSource, keys, cancellationToken: cancellationToken);
        if (!verification.Intact || verification.EventsChecked != events)
        {
            throw new InvalidOperationException(
                $"Verification checked {verification.EventsChecked} events and found {verification.Breaks.Count} breaks in an untouched store.");
        }
        var verifyRate = events / verification.Elapsed.TotalSeconds;
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify: {events:N0} events in {verification.StreamsChecked:N0} streams in {verification.Elapsed.TotalSeconds:F1} s, intact"));
        context.Figures.AddGoal("verify_events_per_s", verifyRate, 0, atLeast: true, 100_000);
    }

    /// <summary>Appends every stream's 10 events in one append each, from several writers at once. Returns events per second.</summary>
    private static async Task<double> LoadAsync(BenchContext context, EventStore store, int streams, CancellationToken cancellationToken)
    {
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild: loading {streams * (long)EventsPerStream:N0} events ({streams:N0} streams of {EventsPerStream}, {LoadWriters} writers)"));
        var next = -1;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(async () =>
        {
            for (var stream = Interlocked.Increment(ref next); stream < streams; stream = Interlocked.Increment(ref next))
            {
                var now = DateTimeOffset.UtcNow;
                var caseId = Guid.CreateVersion7();
                var batch = new EventToAppend[EventsPerStream];
                for (var i = 0; i < EventsPerStream; i++)
                {
                    batch[i] = new EventToAppend(Guid.CreateVersion7(), BenchEvents.At(caseId, i + 1, now));
                }
                var streamId = string.Create(CultureInfo.InvariantCulture, $"case-load-{stream:D7}");
                await store.AppendAsync(streamId, ExpectedVersion.NoStream, batch, BenchEvents.Metadata(now), cancellationToken);
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                {
                    lastReport = clock.Elapsed;
                    context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"rebuild: loaded {stream * (long)EventsPerStream:N0} events, {stream * EventsPerStream / clock.Elapsed.TotalSeconds:N0} events/s"));
                }
            }
        }, cancellationToken)));
        var rate = streams * (double)EventsPerStream / clock.Elapsed.TotalSeconds;
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild: loaded in {clock.Elapsed.TotalSeconds:F1} s: {rate:N0} events/s"));
        return rate;
    }

    /// <summary>The rebuilt model is right: one row per stream, every event counted, each at version 10.</summary>
    private static async Task VerifyAsync(NpgsqlDataSource dataSource, int streams, CancellationToken cancellationToken)
    {
        await using var check = dataSource.CreateCommand($"""
            select count(*), coalesce(sum(event_count), 0)::bigint, count(*) filter (where last_version = {EventsPerStream})
            from {StreamSummaryProjection.Table}
            """);
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (rows, counted, complete) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (rows != streams || counted != streams * (long)EventsPerStream || complete != streams)
        {
            throw new InvalidOperationException(
                $"The rebuilt projection is wrong: {rows} rows (expected {streams}), {counted} events counted, {complete} streams complete.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A progress line every few seconds (the rebuilder reports after every batch).</summary>
    private sealed class ProgressLines(TextWriter output) : IProgress<RebuildProgress>
    {
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();

        public void Report(RebuildProgress value)
        {
            if (sinceLast.Elapsed < TimeSpan.FromSeconds(2) && !value.Swapped)
            {
                return;
            }
            sinceLast.Restart();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rebuild: {value.EventsDone:N0} / {value.EventsTotal:N0} events, {value.EventsPerSecond:N0} events/s, {(value.TimeLeft is { } left ? $"{left.TotalSeconds:F0} s left" : "time left unknown")}{(value.Swapped ? ", swapped in" : "")}"));
        }
    }
}
