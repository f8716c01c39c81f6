using System.Collections.Concurrent;
using System.Diagnostics;
using Cases.Handling;
using Npgsql;

namespace Intake.Benchmarks;

/// <summary>
/// When each accepted report's case became visible to the receiving organization: committed to
/// the cases service's case list, which its API serves in the same transaction as the case's
/// opening. Watched straight in the cases database, every 10 ms, by primary key: polling the API at
/// this rate would load the very service being measured. A case seen by a poll was committed before
/// the poll started, so the poll's start time is an upper bound, at most 10 ms late.
/// </summary>
internal sealed class CaseVisibility(string casesDatabase) : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<Guid, long> pending = new();
    private readonly ConcurrentDictionary<Guid, double> visibleAfterMs = new();
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(casesDatabase);
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
        while (!stop.IsCancellationRequested)
        {
            var polledAt = Stopwatch.GetTimestamp();
            var ids = pending.Keys.ToArray();
            if (ids.Length > 0)
            {
                await using var command = database.CreateCommand("select case_id from case_list where case_id = any($1)");
                command.Parameters.Add(new() { Value = ids });
                await using var reader = await command.ExecuteReaderAsync(stop.Token);
                while (await reader.ReadAsync(stop.Token))
                {
                    if (pending.TryRemove(reader.GetGuid(0), out var sentAt))
                    {
                        visibleAfterMs[reader.GetGuid(0)] = Stopwatch.GetElapsedTime(sentAt, polledAt).TotalMilliseconds;
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
