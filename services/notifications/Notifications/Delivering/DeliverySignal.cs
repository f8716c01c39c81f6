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

    /// <summary>This instance's name in its NOTIFYs: its own come back to its listener, and are not news.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long version;
    private int notifying;
    private int notifyAgain;

    public long Version => Interlocked.Read(ref version);

    public void Wake(bool notifyOtherInstances = false)
    {
        Interlocked.Increment(ref version);
        Interlocked.Exchange(ref changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (notifyOtherInstances)
        {
            Interlocked.Exchange(ref notifyAgain, 1);
            if (Interlocked.CompareExchange(ref notifying, 1, 0) == 0)
            {
                _ = NotifyAsync();
            }
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

    // Coalesced, one at a time: under load one NOTIFY covers every recording since the last one.
    // Best effort: another instance that misses it still finds the delivery within its idle wait.
    private async Task NotifyAsync()
    {
        try
        {
            while (Interlocked.Exchange(ref notifyAgain, 0) == 1)
            {
                await using var command = dataSource.CreateCommand("select pg_notify($1, $2)");
                command.Parameters.Add(new() { Value = Channel });
                command.Parameters.Add(new() { Value = Instance });
                await command.ExecuteNonQueryAsync();
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ObjectDisposedException)
        {
        }
        finally
        {
            Volatile.Write(ref notifying, 0);
            if (Volatile.Read(ref notifyAgain) == 1 && Interlocked.CompareExchange(ref notifying, 1, 0) == 0)
            {
                _ = NotifyAsync();
            }
        }
    }
}
