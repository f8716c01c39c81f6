using Intake.AnonymousAccess;

namespace Intake.Tests.AnonymousAccess;

public sealed class ReportKeySpecs
{
    private const string FourGroups = "^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$";
    private const string FiveGroups = "^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}$";

    [Fact]
    public void The_alphabet_has_32_symbols_none_of_them_confusable()
    {
        Base32Secret.Alphabet.Distinct().Count().ShouldBe(32);
        Base32Secret.Alphabet.ShouldNotContain('0');
        Base32Secret.Alphabet.ShouldNotContain('O');
        Base32Secret.Alphabet.ShouldNotContain('1');
        Base32Secret.Alphabet.ShouldNotContain('I');
    }

    [Fact]
    public void A_report_key_carries_80_random_bits_in_four_groups_of_four()
    {
        (ReportKey.Symbols * Base32Secret.BitsPerSymbol).ShouldBe(80);
        ReportKey.Generate().ToString().ShouldMatch(FourGroups);
    }

    [Fact]
    public void Report_keys_do_not_repeat() =>
        Enumerable.Range(0, 1_000).Select(_ => ReportKey.Generate().Canonical).Distinct().Count().ShouldBe(1_000);

    [Fact]
    public void A_key_is_recognized_however_it_is_typed()
    {
        var key = ReportKey.Generate();
        var typed = key.ToString().ToLowerInvariant().Replace('-', ' ');

        ReportKey.Parse(typed).ShouldNotBeNull().Digest.ShouldBe(key.Digest);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKMN")]
    [InlineData("ABCD-EFGH-JKMN-PQRST")]
    [InlineData("ABCD-EFGH-JKMN-PQR0")]
    [InlineData("ABCD-EFGH-JKMN-PQRI")]
    [InlineData("ABCD EFGH JKMN PQRS ABCD EFGH JKMN PQRS")]
    public void Malformed_input_is_not_a_key(string? input) => ReportKey.Parse(input).ShouldBeNull();

    [Fact]
    public void Only_a_sha256_digest_of_the_key_is_kept()
    {
        var key = ReportKey.Generate();

        key.Digest.ShouldMatch("^[0-9a-f]{64}$");
        key.Digest.ShouldNotContain(key.Canonical, Case.Insensitive);
    }

    [Fact]
    public void A_passphrase_carries_100_random_bits_in_five_groups_unlike_a_key()
    {
        (Passphrase.Symbols * Base32Secret.BitsPerSymbol).ShouldBe(100);
        Passphrase.Generate().ShouldMatch(FiveGroups);
        Enumerable.Range(0, 1_000).Select(_ => Passphrase.Generate()).Distinct().Count().ShouldBe(1_000);
    }

    [Fact]
    public void Issued_access_never_prints_its_secrets()
    {
        var issued = IssuedAnonymousAccess.Issue(new PassphraseHasher(iterations: 1_000));

        issued.ToString().ShouldNotContain(issued.Key.Canonical);
        issued.ToString().ShouldNotContain(issued.Passphrase);
        issued.Credential.KeyDigest.ShouldBe(issued.Key.Digest);
    }
}
