using Npgsql;
using NpgsqlTypes;

namespace Platform.EventStore.Subscriptions;

/// <summary>Operator actions on subscriptions, from any process.</summary>
public sealed class SubscriptionControl(NpgsqlDataSource dataSource, LogWatcher watcher)
{
    /// <summary>Un-parks a subscription: it retries the batch it stopped at. Returns false if it was not parked.</summary>
    public async Task<bool> ResumeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var resume = dataSource.CreateCommand(
            "update subscriptions set status = 'active', failure = null, updated_at = now() where name = $1 and status = 'parked'");
        resume.Parameters.Add(new() { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        var resumed = await resume.ExecuteNonQueryAsync(cancellationToken) == 1;
        // Wakes the holder, here or (by NOTIFY) in another process.
        watcher.AppendEnded();
        return resumed;
    }
}
