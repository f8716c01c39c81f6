using System.Globalization;
using Platform.EventStore.Appending;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// <c>encrypted_append_ratio</c>: single-event appends per second through the store of events
/// carrying three personal fields, sealed (<see cref="ReporterStatementRecorded"/>), divided by the
/// same appends of their unmarked twin (<see cref="ReporterStatementRecordedPlain"/>: same JSON
/// shape and values, stored in clear). Same store, same database, same concurrency, alternating
/// rounds, so the only difference between the sides is the sealing (and the bigger rows it makes).
/// The goal figure is at 16 writers, a busy service, where the sealing's client CPU competes with the
/// server for the cores; <c>encrypted_append_ratio_1_writer</c> is the latency path (fewer rounds, no goal).
/// <para>
/// The key mix: every stream is a new report whose reporter is a new data subject, and a stream
/// takes <see cref="AppendsPerStream"/> appends. So one append in ten is a subject's first in this
/// process and creates its data key (wrapped by the master key, stored in the same round trip as
/// the append), and nine in ten reuse the key cached by the first: most events concern subjects
/// already known, and a report brings in a new one now and then.
/// </para>
/// </summary>
internal static class EncryptedAppend
{
    private const int AppendsPerStream = 10;

    // The 1-writer figure has no goal: fewer rounds keep the phase short.
    private const int OneWriterRounds = 3;

    private const string EncryptedSide = "encrypted";
    private const string PlainSide = "plain";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var database = await BenchDatabase.CreateAsync(context.Options.AdminConnectionString, "encrypted", cancellationToken);
        await using var running = await RunningStore.StartAsync(database.DataSource, context.Types, context.Logging, cancellationToken);
        var cpu = await CpuMeter.ForServerOfAsync(database.DataSource, cancellationToken);
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encrypted append: 3 personal fields per event (15, 15 and 305 characters) sealed, against the same event unmarked; "
            + $"streams of {AppendsPerStream} single-event appends, each a new report with a new data subject: "
            + $"1 append in {AppendsPerStream} creates and stores a data key, {AppendsPerStream - 1} in {AppendsPerStream} reuse the cached one"));

        foreach (var writers in new[] { 16, 1 })
        {
            var name = writers == 1 ? "1_writer" : $"{writers}_writers";
            Task<Measured> Run(int round, bool encrypted)
            {
                var reports = Enumerable.Range(0, writers)
                    .Select(writer => new ReportCursor(AppendRatio.Prefix(encrypted ? 'e' : 'p', writers, round, writer)))
                    .ToArray();
                return Load.RunAsync(writers, context.RoundDuration(round), eventsPerOperation: 1, cpu,
                    writer => AppendAsync(running.Store, reports[writer], encrypted, cancellationToken));
            }

            var rounds = writers == 1 ? Math.Min(context.Options.Rounds, OneWriterRounds) : context.Options.Rounds;
            var (encrypted, plain) = await Alternating.RunAsync($"encrypted append {name}", rounds, context.Progress,
                round => Run(round, encrypted: true), round => Run(round, encrypted: false), EncryptedSide, PlainSide,
                afterWarmup: () => AnalyzeAsync(running, cancellationToken));

            var ratio = encrypted.MedianEventsPerSecond / plain.MedianEventsPerSecond;
            context.Figures.Add($"encrypted_append_per_s_{name}_{EncryptedSide}", encrypted.MedianEventsPerSecond);
            context.Figures.Add($"encrypted_append_per_s_{name}_{PlainSide}", plain.MedianEventsPerSecond);
            context.AddCpu($"encrypted_append_{name}", encrypted, plain, EncryptedSide, PlainSide);
            if (writers == 1)
            {
                context.Figures.Add($"encrypted_append_ratio_{name}", ratio, 3);
            }
            else
            {
                context.Figures.AddGoal("encrypted_append_ratio", ratio, 3, atLeast: true, 0.8);
            }
        }

        await CheckAsync(context, running, cancellationToken);
    }

    /// <summary>
    /// Steady state, as in a database that has been in use: the tables the warm-up filled get their
    /// statistics now, not from autovacuum in the middle of a round (as the lag phase does).
    /// </summary>
    private static async Task AnalyzeAsync(RunningStore running, CancellationToken cancellationToken)
    {
        await using var analyze = running.DataSource.CreateCommand("analyze events, data_subjects, subject_keys");
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AppendAsync(EventStore store, ReportCursor report, bool encrypted, CancellationToken cancellationToken)
    {
        var cursor = report.Next();
        var now = DateTimeOffset.UtcNow;
        var data = BenchEvents.Statement(encrypted, reportId: cursor.CaseId, reporterId: report.Reporter, now);
        await store.AppendAsync(
            cursor.StreamId, StoreSide.Expected(cursor), [new EventToAppend(Guid.CreateVersion7(), data)], BenchEvents.Metadata(now), cancellationToken);
        cursor.Appended();
    }

    /// <summary>
    /// The sides did what they are said to: every encrypted event has its three fields sealed, no
    /// plain one has any, and every encrypted stream's subject has a data key (one each, or a few more:
    /// a process that may have missed an erasure forgets its cached keys and makes new ones).
    /// Prints the stored sizes, which is what the sealing adds to each row.
    /// </summary>
    private static async Task CheckAsync(BenchContext context, RunningStore running, CancellationToken cancellationToken)
    {
        await using var check = running.DataSource.CreateCommand("""
            select count(*) filter (where event_type = $1),
                   count(*) filter (where event_type = $1 and data->>'reporterName' like 'pd1.%'
                                    and data->>'reporterPhone' like 'pd1.%' and data->>'narrative' like 'pd1.%'),
                   count(distinct stream_id) filter (where event_type = $1),
                   coalesce(avg(octet_length(data::text)) filter (where event_type = $1), 0)::float8,
                   count(*) filter (where event_type = $2),
                   count(*) filter (where event_type = $2 and data::text like '%"pd1.%'),
                   coalesce(avg(octet_length(data::text)) filter (where event_type = $2), 0)::float8,
                   (select count(*) from subject_keys)
            from events
            """);
        check.Parameters.Add(new() { Value = context.Types.NameOf(typeof(ReporterStatementRecorded)) });
        check.Parameters.Add(new() { Value = context.Types.NameOf(typeof(ReporterStatementRecordedPlain)) });
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (encrypted, sealedCount, encryptedStreams, encryptedBytes) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3));
        var (plain, plainSealed, plainBytes, keys) = (reader.GetInt64(4), reader.GetInt64(5), reader.GetDouble(6), reader.GetInt64(7));
        if (encrypted == 0 || sealedCount != encrypted || plain == 0 || plainSealed != 0 || keys < encryptedStreams || keys > encryptedStreams * 2)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The encrypted phase did not store what it measured: {sealedCount} of {encrypted} encrypted events sealed, "
                + $"{plainSealed} of {plain} plain events sealed, {keys} data keys for {encryptedStreams} encrypted streams (one new subject each)."));
        }
        context.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encrypted append: checked {encrypted:N0} encrypted events (all sealed, {keys:N0} data keys for {encryptedStreams:N0} streams) and {plain:N0} plain ones; "
            + $"stored data {encryptedBytes:F0} bytes per encrypted event, {plainBytes:F0} per plain one"));
        context.Figures.Add($"encrypted_append_data_bytes_{EncryptedSide}", encryptedBytes);
        context.Figures.Add($"encrypted_append_data_bytes_{PlainSide}", plainBytes);
    }

    /// <summary>One writer's reports: a stream each, whose reporter is a new subject.</summary>
    private sealed class ReportCursor(string prefix)
    {
        private readonly StreamCursor stream = new(prefix, AppendsPerStream, eventsPerAppend: 1);

        public Guid Reporter { get; private set; }

        public StreamCursor Next()
        {
            stream.Next();
            if (stream.Version == 0)
            {
                Reporter = Guid.CreateVersion7(); // a new report: its reporter is new to the store
            }
            return stream;
        }
    }
}
