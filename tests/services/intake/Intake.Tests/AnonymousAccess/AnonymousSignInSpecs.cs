using Intake.AnonymousAccess;

namespace Intake.Tests.AnonymousAccess;

public sealed class AnonymousSignInSpecs
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly PassphraseHasher Hasher = new(iterations: 1_000);
    private static readonly string Secret = Passphrase.Generate();
    private static readonly PassphraseHash Stored = Hasher.Hash(Secret);

    private readonly AnonymousSignIn signIn = new(Hasher, LockoutPolicy.Default);

    [Fact]
    public void The_right_passphrase_is_granted() =>
        signIn.Attempt(AccessAttempts.None, Stored, Secret, Start).ShouldBe(new SignInResult(SignInOutcome.Granted, null, AccessAttempts.None));

    [Fact]
    public void An_unknown_key_and_a_wrong_passphrase_get_the_same_answer()
    {
        var wrongPassphrase = signIn.Attempt(AccessAttempts.None, Stored, "WRONG-WRONG-WRONG-WRONG-WRONG", Start);
        var unknownKey = signIn.Attempt(AccessAttempts.None, stored: null, Secret, Start);

        wrongPassphrase.Outcome.ShouldBe(SignInOutcome.Refused);
        unknownKey.ShouldBe(wrongPassphrase);
    }

    [Fact]
    public void An_unknown_key_slows_down_and_locks_exactly_like_a_known_one()
    {
        var known = Attempts(Stored, 6);
        var unknown = Attempts(stored: null, 6);

        unknown.ShouldBe(known);
        known[^1].Outcome.ShouldBe(SignInOutcome.TryLater);
    }

    [Fact]
    public void A_locked_key_refuses_even_the_right_passphrase()
    {
        var locked = Attempts(Stored, 6)[4].Attempts;

        var result = signIn.Attempt(locked, Stored, Secret, Start.AddMinutes(1));

        result.Outcome.ShouldBe(SignInOutcome.TryLater);
        result.Attempts.ShouldBe(locked);
    }

    [Fact]
    public void An_attempt_while_waiting_is_neither_checked_nor_counted()
    {
        var once = signIn.Attempt(AccessAttempts.None, Stored, "wrong", Start);

        var tooSoon = signIn.Attempt(once.Attempts, Stored, Secret, Start.AddMilliseconds(500));

        tooSoon.ShouldBe(new SignInResult(SignInOutcome.TryLater, TimeSpan.FromMilliseconds(500), once.Attempts));
        signIn.Attempt(once.Attempts, Stored, Secret, Start.AddSeconds(1)).Outcome.ShouldBe(SignInOutcome.Granted);
    }

    /// <summary>Wrong passphrases, each sent the moment the previous answer allows.</summary>
    private List<SignInResult> Attempts(PassphraseHash? stored, int count)
    {
        var results = new List<SignInResult>();
        var attempts = AccessAttempts.None;
        var now = Start;
        for (var i = 0; i < count; i++)
        {
            var result = signIn.Attempt(attempts, stored, "WRONG-WRONG-WRONG-WRONG-WRONG", now);
            results.Add(result);
            attempts = result.Attempts;
            now += i < count - 2 ? result.RetryAfter ?? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        }
        return results;
    }
}
