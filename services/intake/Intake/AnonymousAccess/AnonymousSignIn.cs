namespace Intake.AnonymousAccess;

public enum SignInOutcome
{
    /// <summary>The key exists and the passphrase is right.</summary>
    Granted,

    /// <summary>Wrong passphrase or unknown key: deliberately the same answer, after the same work.</summary>
    Refused,

    /// <summary>Too soon after a failure, or locked out; nothing was checked. Unknown keys wait and lock the same way.</summary>
    TryLater,
}

/// <summary>
/// What to answer (<see cref="RetryAfter"/> for a Retry-After header, when set) and the attempt
/// state to store back for the key's digest, whatever the outcome and whether or not the key exists.
/// </summary>
public sealed record SignInResult(SignInOutcome Outcome, TimeSpan? RetryAfter, AccessAttempts Attempts);

/// <summary>
/// The only way to check an anonymous reporter's passphrase: the lockout policy first, then the
/// hash, then the new attempt state. Callers pass the stored hash or null for an unknown key and
/// cannot tell the two apart from the result, so neither can anyone they answer.
/// </summary>
public sealed class AnonymousSignIn(PassphraseHasher hasher, LockoutPolicy policy)
{
    public SignInResult Attempt(AccessAttempts attempts, PassphraseHash? stored, string passphrase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (policy.MustWait(attempts, now) is { } wait)
        {
            return new(SignInOutcome.TryLater, wait, attempts);
        }
        if (hasher.Verify(passphrase, stored))
        {
            return new(SignInOutcome.Granted, null, LockoutPolicy.AfterSuccess());
        }
        var next = policy.AfterFailure(attempts, now);
        return new(SignInOutcome.Refused, policy.MustWait(next, now), next);
    }
}
