namespace Intake.AnonymousAccess;

/// <summary>
/// Slows down and then locks out passphrase guessing, from <see cref="AccessAttempts"/> and the
/// time alone. After each wrong attempt the next must wait <see cref="FirstDelay"/>, doubling up to
/// <see cref="MaxDelay"/> (1, 2, 4, 8 s by default); the <see cref="MaxFailures"/>th failure within
/// <see cref="Window"/> locks the key for <see cref="FirstLockout"/>, doubling with each lockout
/// up to <see cref="MaxLockout"/> (15 min, 30 min, 1 h ... 24 h). A quiet <see cref="MaxLockout"/>
/// since the last failure or lockout forgets the escalation. Attempts made while waiting are refused without
/// being checked or counted, so a double click costs the reporter nothing and a guesser learns nothing.
/// </summary>
public sealed record LockoutPolicy(
    int MaxFailures, TimeSpan Window, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    public static readonly LockoutPolicy Default = new(
        MaxFailures: 5,
        Window: TimeSpan.FromMinutes(15),
        FirstDelay: TimeSpan.FromSeconds(1),
        MaxDelay: TimeSpan.FromSeconds(8),
        FirstLockout: TimeSpan.FromMinutes(15),
        MaxLockout: TimeSpan.FromHours(24));

    /// <summary>How long until an attempt may be checked; null when it may be checked now.</summary>
    public TimeSpan? MustWait(AccessAttempts attempts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var until = attempts.LockedUntil is { } locked && locked > now ? locked
            : attempts is { Failures: > 0, LastFailureAt: { } last } ? last + DelayAfter(attempts.Failures)
            : now;
        return until > now ? until - now : null;
    }

    public AccessAttempts AfterFailure(AccessAttempts attempts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        // Quiet is counted from the end of the last lockout, so that waiting out a lockout is not quiet.
        var lockouts = (attempts.LockedUntil ?? attempts.LastFailureAt) is { } last && now - last >= MaxLockout ? 0 : attempts.Lockouts;
        var windowOpen = attempts is { Failures: > 0, FirstFailureAt: { } first } && now - first < Window;
        var failures = windowOpen ? attempts.Failures + 1 : 1;
        var firstFailureAt = windowOpen ? attempts.FirstFailureAt : now;

        if (failures >= MaxFailures)
        {
            // Locked: the count starts again once the lockout is over, and the next lockout is longer.
            return new(0, null, now, lockouts + 1, now + Doubled(FirstLockout, lockouts, MaxLockout));
        }
        return new(failures, firstFailureAt, now, lockouts, null);
    }

    /// <summary>The right passphrase, checked while not locked: the slate is clean again.</summary>
    public static AccessAttempts AfterSuccess() => AccessAttempts.None;

    private TimeSpan DelayAfter(int failures) => Doubled(FirstDelay, failures - 1, MaxDelay);

    private static TimeSpan Doubled(TimeSpan first, int times, TimeSpan max) =>
        times >= 30 ? max : TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << times), max.Ticks));
}
