namespace Intake.AnonymousAccess;

/// <summary>
/// The failed passphrase attempts against one report key digest, as the lockout policy sees them.
/// <para>
/// Kept outside the event stream, in a small row per key digest that is overwritten: attempts are
/// written by whoever guesses, so in the stream they would let an attacker grow a tamper-evident
/// history without bound and contend with the handlers' appends, and they would keep forever when
/// someone tried to get in, which is metadata about an anonymous reporter the issue forbids keeping.
/// </para>
/// <para>
/// It must be kept for digests of unknown keys too: if only existing keys could lock, locking
/// would reveal which keys exist.
/// </para>
/// </summary>
public sealed record AccessAttempts(int Failures, DateTimeOffset? FirstFailureAt, DateTimeOffset? LastFailureAt, int Lockouts, DateTimeOffset? LockedUntil)
{
    public static readonly AccessAttempts None = new(0, null, null, 0, null);
}
