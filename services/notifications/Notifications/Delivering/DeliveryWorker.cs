using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults;

namespace Notifications.Delivering;

/// <summary>
/// Sends due deliveries, urgent first, claimed in batches and sent concurrently, and writes their
/// attempts to the log in batches (<see cref="AttemptLog"/>). Woken by <see cref="DeliverySignal"/>
/// the moment something is recorded; otherwise it sleeps until the next retry is due (at most
/// <see cref="DeliveryOptions.IdleWait"/>).
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryStore store, WebhookSender sender, DeliverySignal signal, SchemaState schema, IOptions<NotificationsOptions> options,
    TimeProvider time, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private DeliveryOptions Options => options.Value.Delivery;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Applied.WaitAsync(stoppingToken);
        var log = new AttemptLog(store, Options.DisableAfter, Options.BatchSize * 4, logger);
        var writing = log.WriteAsync();
        try
        {
            await SendAsync(log, stoppingToken);
        }
        finally
        {
            log.Complete();
            await writing;
        }
    }

    private async Task SendAsync(AttemptLog log, CancellationToken stoppingToken)
    {
        // Calls run concurrently up to the batch size; a slow partner holds one slot, never the loop,
        // so an urgent notification recorded meanwhile is claimed at once.
        var inFlight = new HashSet<Task>();
        var errorDelay = TimeSpan.FromMilliseconds(250);
        // The signal version the last claim saw: a claim is made when something was recorded since, or when a
        // quarter of the slots are free again, never one claim per ended call (a backlog is claimed in batches).
        var claimedThrough = -1L;
        var refillAt = Math.Max(1, Options.BatchSize / 4);
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = signal.Version;
            inFlight.RemoveWhere(task => task.IsCompleted);
            try
            {
                var room = Options.BatchSize - inFlight.Count;
                if (room > 0 && (seen != claimedThrough || room >= refillAt || inFlight.Count == 0))
                {
                    claimedThrough = seen;
                    var claimed = await store.ClaimAsync(time.GetUtcNow(), Options.Lease, room, stoppingToken);
                    foreach (var delivery in claimed)
                    {
                        inFlight.Add(DeliverAsync(delivery, log, stoppingToken));
                    }
                    errorDelay = TimeSpan.FromMilliseconds(250);
                    if (claimed.Count == room)
                    {
                        continue;
                    }
                    // Nothing more is due: only something new, or the next retry coming due, is worth another look.
                    await signal.WaitAsync(seen, inFlight.Count == 0 ? await SleepAsync(stoppingToken) : Options.IdleWait, stoppingToken);
                }
                else
                {
                    // (Nearly) full: wait for something new, or for calls to end.
                    await Task.WhenAny(signal.WaitAsync(seen, Options.IdleWait, stoppingToken), Task.WhenAny(inFlight));
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogWorkerRetry(logger, errorDelay.TotalSeconds, Describe(exception));
                await Task.Delay(errorDelay, time, stoppingToken);
                errorDelay = Backoff.Next(errorDelay, TimeSpan.FromSeconds(10));
            }
        }
        await Task.WhenAll(inFlight);
    }

    private async Task<TimeSpan> SleepAsync(CancellationToken cancellationToken)
    {
        var until = await store.NextDueAsync(cancellationToken) - time.GetUtcNow();
        return until is { } wait && wait < Options.IdleWait
            ? TimeSpan.FromTicks(Math.Max(wait.Ticks, TimeSpan.FromMilliseconds(1).Ticks))
            : Options.IdleWait;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, AttemptLog log, CancellationToken cancellationToken)
    {
        try
        {
            // The webhook-id is the notification's id: the same on every retry and replay, so partners dedupe on it.
            var outcome = await sender.SendAsync(new Uri(delivery.Url), delivery.NotificationId.ToString(), delivery.Body, delivery.Secrets, cancellationToken);
            var now = time.GetUtcNow();
            var retry = outcome.Delivered
                ? null
                : RetrySchedule.After(delivery.Attempts + 1, new DateTimeOffset(DateTime.SpecifyKind(delivery.WindowStartedAt, DateTimeKind.Utc)),
                    now, RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue, Options);
            await log.AddAsync(new EndedAttempt(delivery, outcome, now, retry), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and this delivery is sent again, by this or another instance.
        }
    }

    // PostgreSQL's message text names the failing statement's problem, never row values (those are in its Detail).
    private static string Describe(Exception exception) =>
        exception is PostgresException postgres ? $"{postgres.SqlState} {postgres.MessageText}" : exception.GetType().Name;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery worker failed ({Error}), retrying in {Seconds}s")]
    private static partial void LogWorkerRetry(ILogger logger, double seconds, string error);
}
