using System.Collections.Concurrent;
using System.Diagnostics;
using Cases.Handling;
using Npgsql;

namespace Intake.Benchmarks;

/// <summary>
/// When each accepted report's case became visible to the receiving organization: committed to
/// the cases service's case list, which its API serves in the same transaction as the case's
/// opening. Watched straight in the cases database every 10 ms (polling the API at this rate would
/// load the very service being measured), and cheaply, because the watch runs on the machine it
/// measures: each poll reads the rows after a cursor on the list's insertion order, starting a
/// margin before the newest row seen, since concurrent transactions commit out of order. A case
/// whose row committed later than that margin allows is still found by a check of the waiting
/// case ids every 200 ms, only later than it was visible, which can make the figure worse and
/// never better. A case seen by a poll was committed before the poll started, so the poll's start
/// time is an upper bound, at most 10 ms late.
/// </summary>
internal sealed class CaseVisibility(string casesDatabase) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    // Rows before the newest seen that each poll reads again, for commits that come out of order.
    private const long OutOfOrderMargin = 64;

    private const int StragglerCheckEvery = 20;

    private readonly ConcurrentDictionary<Guid, long> pending = new();
    private readonly ConcurrentDictionary<Guid, double> visibleAfterMs = new();
    // As the services' own: prepared statements, no reset statements on every checkout.
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(casesDatabase) { NoResetOnClose = true, MaxAutoPrepare = 8 }.ConnectionString);
    private readonly CancellationTokenSource stop = new();
    private Task? watching;

    /// <summary>Case id of each watched report → milliseconds from the submission being sent to its case being visible.</summary>
    public IReadOnlyDictionary<Guid, double> VisibleAfterMs => visibleAfterMs;

    public int Pending => pending.Count;

    public void Watch(Call submission) => pending.TryAdd(CaseStreams.CaseIdOfReport(submission.ReportId!.Value), submission.SentAt);

    public void Start() => watching = Task.Run(WatchAsync);

    /// <summary>Waits until every watched case is visible, or <paramref name="within"/> has passed.</summary>
    public async Task DrainAsync(TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (!pending.IsEmpty && deadline.Elapsed < within)
        {
            await Task.Delay(50);
        }
    }

    private async Task WatchAsync()
    {
        long newest = 0;
        for (var poll = 0L; !stop.IsCancellationRequested; poll++)
        {
            var polledAt = Stopwatch.GetTimestamp();
            if (!pending.IsEmpty)
            {
                await using var connection = await database.OpenConnectionAsync(stop.Token);
                await using (var recent = new NpgsqlCommand("select case_id, position from case_list where position > $1 order by position limit 2000", connection))
                {
                    recent.Parameters.Add(new() { Value = newest - OutOfOrderMargin });
                    await using var reader = await recent.ExecuteReaderAsync(stop.Token);
                    while (await reader.ReadAsync(stop.Token))
                    {
                        Seen(reader.GetGuid(0), polledAt);
                        newest = Math.Max(newest, reader.GetInt64(1));
                    }
                }
                if (poll % StragglerCheckEvery == 0)
                {
                    await using var stragglers = new NpgsqlCommand("select case_id from case_list where case_id = any($1)", connection);
                    stragglers.Parameters.Add(new() { Value = pending.Keys.ToArray() });
                    await using var reader = await stragglers.ExecuteReaderAsync(stop.Token);
                    while (await reader.ReadAsync(stop.Token))
                    {
                        Seen(reader.GetGuid(0), polledAt);
                    }
                }
            }
            var rest = Interval - Stopwatch.GetElapsedTime(polledAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Seen(Guid caseId, long polledAt)
    {
        if (pending.TryRemove(caseId, out var sentAt))
        {
            visibleAfterMs[caseId] = Stopwatch.GetElapsedTime(sentAt, polledAt).TotalMilliseconds;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (watching is not null)
        {
            try
            {
                await watching;
            }
            catch (OperationCanceledException)
            {
                // stopping is the point
            }
        }
        await database.DisposeAsync();
        stop.Dispose();
    }
}
