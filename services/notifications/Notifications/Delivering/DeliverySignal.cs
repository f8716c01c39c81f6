using Npgsql;

namespace Notifications.Delivering;

/// <summary>
/// Wakes the delivery worker the moment there is something to send: in process at once, and in
/// other instances by a NOTIFY sent after the recording transaction ended (from a connection of
/// its own: a NOTIFY inside the transaction would serialize every commit on a database-wide lock).
/// </summary>
public sealed class DeliverySignal(NpgsqlDataSource dataSource)
{
    public const string Channel = "notifications_deliveries";
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Wake(bool notifyOtherInstances = false)
    {
        Interlocked.Increment(ref version);
        Interlocked.Exchange(ref changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (notifyOtherInstances)
        {
            _ = NotifyAsync();
        }
    }

    /// <summary>Returns once woken after <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref changed).Task;
        if (Version != seen)
        {
            return;
        }
        try
        {
            await next.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    // Best effort: another instance that misses it still finds the delivery within its idle wait.
    private async Task NotifyAsync()
    {
        try
        {
            await using var command = dataSource.CreateCommand($"select pg_notify('{Channel}', '')");
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ObjectDisposedException)
        {
        }
    }
}
