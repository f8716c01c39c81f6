using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// <c>subscription_lag_p99_ms</c>: from an append's commit (taken on the client right after
/// <c>AppendAsync</c> returns) to the subscription handler receiving the event, while a paced writer
/// appends single events at a steady rate. Measured twice:
/// <list type="bullet">
/// <item>the subscription in the writer's process (same store and watcher: woken as each append ends), the goal figure;</item>
/// <item><c>subscription_lag_notify_*</c>: the subscription as in another process (its own data source, store and
/// watcher), woken only by the writer's NOTIFY, as a service replica not holding the subscription would wake it.</item>
/// </list>
/// </summary>
internal static class SubscriptionLag
{
    private const int Writers = 4;
    private const int AppendsPerStream = 10;

    // Long enough for tiered JIT to settle on the read path (3 s was not: the first variant measured
    // in a process came out several times worse than the same variant measured after another).
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(context.Options.AdminConnectionString, "lag", cancellationToken);
        await using (var running = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken))
        {
            var lags = await MeasureAsync(context, "same-process", running, running, cancellationToken);
            Add(context, "subscription_lag", lags, goal: true);
        }

        await using var writer = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken);
        await using var otherDataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var reader = await RunningStore.StartAsync(otherDataSource, context.Types, context.Logging, cancellationToken);
        var notified = await MeasureAsync(context, "notify", writer, reader, cancellationToken);
        Add(context, "subscription_lag_notify", notified, goal: false);
    }

    private sealed record Lags(
        double P50, double P99, double Max, double AchievedRate, long Events, double AppendP99, double EventsPerBatch, double? OthersCpuPercent);

    private static void Add(BenchContext context, string prefix, Lags lags, bool goal)
    {
        context.Figures.Add($"{prefix}_events", lags.Events);
        context.Figures.Add($"{prefix}_rate_per_s", lags.AchievedRate);
        context.Figures.Add($"{prefix}_p50_ms", lags.P50, 2);
        if (goal)
        {
            context.Figures.AddGoal($"{prefix}_p99_ms", lags.P99, 2, atLeast: false, 20);
        }
        else
        {
            context.Figures.Add($"{prefix}_p99_ms", lags.P99, 2);
        }
        context.Figures.Add($"{prefix}_max_ms", lags.Max, 2);
        context.Figures.Add($"{prefix}_append_p99_ms", lags.AppendP99, 2);
        context.Figures.Add($"{prefix}_events_per_batch", lags.EventsPerBatch, 1);
        if (lags.OthersCpuPercent is { } others)
        {
            context.Figures.Add($"{prefix}_other_processes_cpu_percent", others, 0);
        }
    }

    private static async Task<Lags> MeasureAsync(
        BenchContext context, string name, RunningStore writer, RunningStore reader, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var recorder = new LagRecorder();
        var subscription = new Subscription(
            reader.Store, reader.Watcher, new SubscriptionOptions($"bench-lag-{name}"), recorder,
            context.Logging.CreateLogger<Subscription>(), TimeProvider.System);
        using var stopSubscription = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = subscription.RunAsync(stopSubscription.Token);
        for (var waited = 0; subscription.Status != SubscriptionStatus.Active; waited++)
        {
            if (waited > 1000 || running.IsCompleted)
            {
                throw new InvalidOperationException($"The lag subscription did not become active: {subscription.Status} {subscription.Failure}");
            }
            await Task.Delay(10, cancellationToken);
        }

        var cursors = Enumerable.Range(0, Writers)
            .Select(w => new StreamCursor(string.Create(CultureInfo.InvariantCulture, $"lag-{name[0]}{w:D2}"), AppendsPerStream, eventsPerAppend: 1))
            .ToArray();
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag ({name}): {options.LagRate} events/s, {Warmup.TotalSeconds:F0} s warm-up, then {options.LagSeconds} s measured"));
        await PacedAsync(context, name, writer.Store, cursors, recorder, (long)Warmup.TotalSeconds * options.LagRate, measured: null, cancellationToken);

        // Steady state, as in a database that has been in use: a fresh `events` table has no
        // statistics until autovacuum's first ANALYZE (up to a minute or so), and until then the
        // store's held-back check plans as a sequential scan of the whole table (see the report).
        await using (var analyze = writer.DataSource.CreateCommand("analyze events"))
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var cpu = await CpuMeter.ForServerOfAsync(writer.DataSource, cancellationToken);
        var cpuBefore = cpu.Sample();
        var measured = new Measurement();
        var start = Stopwatch.GetTimestamp();
        await PacedAsync(context, name, writer.Store, cursors, recorder, (long)options.LagSeconds * options.LagRate, measured, cancellationToken);
        var end = Stopwatch.GetTimestamp();
        var cpuUsed = cpu.Sample() - cpuBefore;

        // Everything appended must arrive; then the subscription stops.
        var deadline = Stopwatch.StartNew();
        while (measured.Committed.Keys.Any(id => !recorder.Received.ContainsKey(id)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"The subscription did not receive every event within 60 s: {subscription.Status} {subscription.Failure}");
            }
            await Task.Delay(20, cancellationToken);
        }
        await stopSubscription.CancelAsync();
        await running;

        var early = 0;
        var lags = measured.Committed.Select(pair =>
        {
            var ticks = recorder.Received[pair.Key] - pair.Value;
            if (ticks < 0)
            {
                early++; // the handler had it before AppendAsync returned on the writer's side: a lag of 0
            }
            return Math.Max(ticks, 0) * 1000.0 / Stopwatch.Frequency;
        }).Order().ToArray();
        var appends = measured.AppendTicks.Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var elapsed = Stopwatch.GetElapsedTime(start, end);
        var result = new Lags(
            Percentile(lags, 0.50), Percentile(lags, 0.99), lags[^1],
            lags.Length / elapsed.TotalSeconds, lags.Length, Percentile(appends, 0.99),
            (double)recorder.Received.Count / recorder.Batches,
            cpuUsed.OthersPercent(elapsed));
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag ({name}): {lags.Length:N0} events at {result.AchievedRate:N0}/s, lag p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, max {result.Max:F2} ms; {early:N0} received before AppendAsync returned"));
        return result;
    }

    /// <summary>
    /// Appends <paramref name="count"/> single events at the configured rate: event k is due at
    /// start + k / rate, whatever each append takes (several writers, so one slow append does not
    /// hold the next ones back). Records commit times into <paramref name="measured"/> when given.
    /// </summary>
    private static async Task PacedAsync(
        BenchContext context, string name, EventStore store, StreamCursor[] cursors, LagRecorder recorder, long count,
        Measurement? measured, CancellationToken cancellationToken)
    {
        var rate = context.Options.LagRate;
        var next = -1L;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(cursors.Select(cursor => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (k * Stopwatch.Frequency / rate));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                cursor.Next();
                var id = Guid.CreateVersion7();
                var now = DateTimeOffset.UtcNow;
                var called = Stopwatch.GetTimestamp();
                await store.AppendAsync(
                    cursor.StreamId, StoreSide.Expected(cursor),
                    [new EventToAppend(id, BenchEvents.At(cursor.CaseId, cursor.Version + 1, now))],
                    BenchEvents.Metadata(now), cancellationToken);
                var returned = Stopwatch.GetTimestamp();
                cursor.Appended();
                if (measured is not null)
                {
                    measured.Committed[id] = returned;
                    measured.AppendTicks.Add(returned - called);
                }
                if (k % (rate * 10) == 0 && k > 0)
                {
                    context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"lag ({name}): {(measured is null ? "warm-up" : "measuring")}, {k:N0} of {count:N0} appended, subscription at {recorder.Received.Count:N0}"));
                }
            }
        }, cancellationToken)));
    }

    /// <summary>Nearest rank.</summary>
    public static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Commit times (Stopwatch ticks, right after AppendAsync returned) and append latencies of the measured events.</summary>
    private sealed class Measurement
    {
        public ConcurrentDictionary<Guid, long> Committed { get; } = new();

        public ConcurrentBag<long> AppendTicks { get; } = [];
    }

    /// <summary>Records when each event first reached the handler (a retried batch does not count twice).</summary>
    private sealed class LagRecorder : ISubscriptionHandler
    {
        private long batches;

        public ConcurrentDictionary<Guid, long> Received { get; } = new();

        public long Batches => Interlocked.Read(ref batches);

        public Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref batches);
            foreach (var recorded in events)
            {
                Received.TryAdd(recorded.EventId, now);
            }
            return Task.CompletedTask;
        }
    }
}
