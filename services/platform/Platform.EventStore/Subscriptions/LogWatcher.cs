using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.Privacy;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Subscriptions;

/// <summary>
/// Wakes subscribers when the log may have moved: at once for appends in this process, and
/// through LISTEN/NOTIFY for appends in others. The NOTIFY is sent after the append's transaction
/// ends, from a connection of its own and coalesced, so it never serializes the appends' commits
/// (a NOTIFY inside the transaction takes a database-wide lock until commit).
/// It also hears erasures, so every process forgets an erased subject's data keys at once.
/// </summary>
public sealed partial class LogWatcher(NpgsqlDataSource dataSource, ILogger<LogWatcher> logger, SubjectKeys? subjectKeys = null) : BackgroundService
{
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(10);
    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly Channel<bool> pendingNotify = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long version;

    /// <summary>Changes whenever the log may have moved; take it before reading, wait on it after.</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>An append's transaction ended (committed or not).</summary>
    public void AppendEnded()
    {
        Wake();
        pendingNotify.Writer.TryWrite(true);
    }

    public void Wake()
    {
        Interlocked.Increment(ref version);
        Interlocked.Exchange(ref changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The first wait of <see cref="WaitHeldBackAsync"/>; reset to it whenever events were read.</summary>
    public static readonly TimeSpan FirstHeldBackWait = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan MaxHeldBackWait = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits for events an open transaction holds back. Its end normally wakes the reader (an
    /// append's end signals); the short, growing timeout only covers transactions that are not
    /// appends, which notify no one. Returns the wait to use next time.
    /// </summary>
    public async Task<TimeSpan> WaitHeldBackAsync(long seen, TimeSpan wait, CancellationToken cancellationToken)
    {
        await WaitAsync(seen, wait, cancellationToken);
        return Backoff.Next(wait, MaxHeldBackWait);
    }

    /// <summary>Returns once <see cref="Version"/> differs from <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(long seen, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref changed).Task;
        if (Version != seen)
        {
            return;
        }
        try
        {
            await next.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendNotificationsAsync(stoppingToken), ListenAsync(stoppingToken));

    private async Task SendNotificationsAsync(CancellationToken stoppingToken)
    {
        try
        {
            var lastSent = 0L;
            while (await pendingNotify.Reader.WaitToReadAsync(stoppingToken))
            {
                // Appends within 10 ms of the last notification share the next one: at most about
                // a hundred a second instead of one per append. Each is a server transaction, and a
                // wake-up of every listening backend and process (this one's too), which at one a
                // millisecond cost a loaded machine more than the few milliseconds it saves a
                // subscriber in another process; that subscriber reads a bigger page instead.
                // Only then is there a wait: a timer per append cost the process more than the
                // notification itself. Subscribers in this process were already woken directly.
                var wait = CoalesceWindow - Stopwatch.GetElapsedTime(lastSent);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stoppingToken);
                }
                pendingNotify.Reader.TryRead(out _);
                try
                {
                    await using var notify = dataSource.CreateCommand($"select pg_notify('{EventStoreSchema.NotifyChannel}', '{instance}')");
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    // Other processes wake later (their next notification or reconnect); nothing is lost.
                    LogNotifyFailed(logger, exception.Message);
                }
                lastSent = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    if (notification.Channel == EventStoreSchema.ErasedChannel)
                    {
                        subjectKeys?.Forget(notification.Payload);
                    }
                    else if (notification.Payload != instance)
                    {
                        Wake();
                    }
                };
                await using (var listen = new NpgsqlCommand(
                    $"listen {EventStoreSchema.NotifyChannel}; listen {EventStoreSchema.ErasedChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Anything appended while we were not listening is only visible by reading, and
                // erasures we did not hear of are only safe if every cached key goes.
                Wake();
                subjectKeys?.Forget(null);
                delay = TimeSpan.FromMilliseconds(100);
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    await SessionState.EndAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException)
            {
                LogListenFailed(logger, delay.TotalSeconds, exception.Message);
                Wake();
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = Backoff.Next(delay, TimeSpan.FromSeconds(5));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify other processes of an append: {Reason}")]
    private static partial void LogNotifyFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for appends failed, reconnecting in {Seconds}s: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, double seconds, string reason);
}
