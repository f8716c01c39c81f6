using Npgsql;

namespace Platform.EventStore.Subscriptions;

/// <summary>What a subscription does with each batch of the log, inside the transaction that moves its checkpoint.</summary>
public interface ISubscriptionHandler
{
    /// <summary>
    /// Handles events in log order. Writes made on <paramref name="connection"/> commit together with
    /// the checkpoint (exactly once); effects elsewhere (a broker) happen at least once. Throwing
    /// rolls the batch back; it is retried with backoff and, past the limit, the subscription parks.
    /// </summary>
    Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// False for a handler that never writes on its connection (its effects are all elsewhere): its
    /// checkpoint then moves in a statement of its own, one round trip instead of a transaction's two.
    /// </summary>
    bool WritesToDatabase => true;
}

public sealed record SubscriptionOptions(string Name)
{
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// Whether the handler reads personal values. False for a handler that must not hold them (the forwarder,
    /// whose contracts carry none): every personal value reads as erased, with no key fetched and nothing decrypted.
    /// </summary>
    public bool OpensPersonalData { get; init; } = true;

    /// <summary>Failed attempts at one batch before parking; null never parks (waits out an outage).</summary>
    public int? ParkAfterAttempts { get; init; } = 10;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

public enum SubscriptionStatus
{
    /// <summary>Not started, or waiting for the database schema.</summary>
    Starting,

    /// <summary>Another process holds this subscription; this one takes over when that one goes.</summary>
    Standby,

    /// <summary>Holding the subscription and processing the log.</summary>
    Active,

    /// <summary>A batch failed and is being retried with backoff.</summary>
    Retrying,

    /// <summary>A batch failed past the limit: processing stopped at it until resumed. Nothing was skipped.</summary>
    Parked,

    Stopped,
}
