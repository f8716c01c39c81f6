namespace Notifications.Delivering;

/// <summary>A delivery a worker holds under lease: where to, what, and with which secrets.</summary>
public sealed class ClaimedDelivery
{
    public Guid Id { get; init; }
    public Guid EndpointId { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid NotificationId { get; init; }
    public string Url { get; init; } = "";
    public string Body { get; init; } = "";
    public int Attempts { get; init; }
    public DateTime WindowStartedAt { get; init; }

    /// <summary>The endpoint's active secrets, newest first, as stored (sealed); their ids are the seal's associated data.</summary>
    public Guid[] SecretIds { get; init; } = [];
    public byte[][] SealedSecrets { get; init; } = [];

    public IReadOnlyList<string> Secrets { get; set; } = [];
}

/// <summary>One attempt that ended, and what follows from it (null: delivered), waiting to be written to the log.</summary>
public sealed record EndedAttempt(ClaimedDelivery Delivery, AttemptOutcome Outcome, DateTimeOffset At, RetryDecision? Retry);
