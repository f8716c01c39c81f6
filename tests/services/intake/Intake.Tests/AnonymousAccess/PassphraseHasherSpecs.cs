using Intake.AnonymousAccess;

namespace Intake.Tests.AnonymousAccess;

public sealed class PassphraseHasherSpecs
{
    // Specs hash with few iterations to stay fast; production's cost is asserted separately.
    private readonly PassphraseHasher hasher = new(iterations: 1_000);

    [Fact]
    public void Production_hashes_cost_at_least_600000_iterations()
    {
        PassphraseHasher.DefaultIterations.ShouldBeGreaterThanOrEqualTo(600_000);
        new PassphraseHasher().Iterations.ShouldBeGreaterThanOrEqualTo(600_000);
    }

    [Fact]
    public void A_passphrase_verifies_against_its_hash_however_it_is_typed()
    {
        var passphrase = Passphrase.Generate();
        var hash = hasher.Hash(passphrase);

        hasher.Verify(passphrase, hash).ShouldBeTrue();
        hasher.Verify(passphrase.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), hash).ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_passphrase_does_not_verify() =>
        hasher.Verify(Passphrase.Generate(), hasher.Hash(Passphrase.Generate())).ShouldBeFalse();

    [Fact]
    public void Nothing_verifies_for_an_unknown_key()
    {
        hasher.Verify(Passphrase.Generate(), stored: null).ShouldBeFalse();
        hasher.Verify("", stored: null).ShouldBeFalse();
    }

    [Fact]
    public void Each_hash_has_its_own_salt()
    {
        var passphrase = Passphrase.Generate();

        var first = hasher.Hash(passphrase);
        var second = hasher.Hash(passphrase);

        first.Salt.ShouldNotBe(second.Salt);
        first.Hash.ShouldNotBe(second.Hash);
    }

    [Fact]
    public void The_parameters_are_stored_with_the_hash()
    {
        var hash = hasher.Hash(Passphrase.Generate());

        hash.Algorithm.ShouldBe("pbkdf2-sha256");
        hash.Iterations.ShouldBe(1_000);
        Convert.FromBase64String(hash.Salt).Length.ShouldBe(16);
        Convert.FromBase64String(hash.Hash).Length.ShouldBe(32);
    }

    [Fact]
    public void A_hash_made_at_a_lower_cost_still_verifies_and_asks_to_be_redone()
    {
        var passphrase = Passphrase.Generate();
        var old = new PassphraseHasher(iterations: 500).Hash(passphrase);

        hasher.Verify(passphrase, old).ShouldBeTrue();
        hasher.NeedsRehash(old).ShouldBeTrue();
        hasher.NeedsRehash(hasher.Hash(passphrase)).ShouldBeFalse();
    }
}
