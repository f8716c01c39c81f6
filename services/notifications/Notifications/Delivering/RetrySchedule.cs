namespace Notifications.Delivering;

/// <summary>What to do after a failed attempt.</summary>
public abstract record RetryDecision
{
    public sealed record RetryAt(DateTimeOffset When) : RetryDecision;

    public sealed record DeadLetter : RetryDecision;
}

/// <summary>
/// Exponential backoff with full jitter (a random wait between zero and a cap that doubles each
/// attempt, up to a maximum), so partners coming back from an outage are not hit by every
/// retry at once; retried until the window (at least a day) is spent, then dead-lettered.
/// </summary>
public static class RetrySchedule
{
    /// <param name="attempts">Attempts made so far, the failed one included (1 after the first).</param>
    /// <param name="windowStartedAt">When the delivery was first due (or replayed): the window counts from there.</param>
    /// <param name="now">When the failed attempt ended.</param>
    /// <param name="random">A value in [0, 1): the jitter.</param>
    /// <param name="options">The initial and maximum backoff and the retry window.</param>
    public static RetryDecision After(int attempts, DateTimeOffset windowStartedAt, DateTimeOffset now, double random, DeliveryOptions options)
    {
        var cap = Cap(attempts, options);
        var next = now + TimeSpan.FromTicks((long)(cap.Ticks * Math.Clamp(random, 0, 1)));
        return next > windowStartedAt + options.RetryWindow
            ? new RetryDecision.DeadLetter()
            : new RetryDecision.RetryAt(next);
    }

    /// <summary>The largest wait after <paramref name="attempts"/> attempts: initial × 2^(attempts − 1), at most the maximum.</summary>
    public static TimeSpan Cap(int attempts, DeliveryOptions options)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 40);
        var ticks = options.InitialBackoff.Ticks * Math.Pow(2, doublings);
        return ticks >= options.MaxBackoff.Ticks ? options.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
