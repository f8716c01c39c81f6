using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Access;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// A token validated in full is remembered until it expires, and no longer. Remembering shows as a
/// token still accepted once its key is no longer offered: a check made afresh would refuse it.
/// </summary>
public sealed class ValidatedTokensSpecs
{
    private const string Issuer = "https://issuer.test";
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test" };
    private readonly TestClock clock = new();

    private static TokenValidationParameters Offering(params SecurityKey[] keys) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = PlatformAccess.DefaultAudience,
        IssuerSigningKeys = keys,
        ValidAlgorithms = PlatformAccess.Algorithms,
        ValidTypes = ["at+jwt"],
        RequireSignedTokens = true,
        NameClaimType = PlatformClaims.ClientId,
    };

    private string Token() => ForgedTokens.Sign(ForgedTokens.Template(key, Issuer, "cases", Guid.NewGuid().ToString()));

    [Fact]
    public async Task A_token_checked_once_is_accepted_again_from_memory_each_time_with_an_identity_of_its_own()
    {
        var tokens = new ValidatedTokens(clock);
        var token = Token();
        var first = await tokens.ValidateTokenAsync(token, Offering(key));

        var again = await tokens.ValidateTokenAsync(token, Offering());
        var andAgain = await tokens.ValidateTokenAsync(token, Offering());

        first.IsValid.ShouldBeTrue();
        again.IsValid.ShouldBeTrue("remembered: its key was not even offered");
        again.ClaimsIdentity.ShouldNotBeSameAs(first.ClaimsIdentity);
        again.ClaimsIdentity.ShouldNotBeSameAs(andAgain.ClaimsIdentity);
        again.ClaimsIdentity.FindFirst(PlatformClaims.OrganizationId)!.Value.ShouldBe(first.ClaimsIdentity.FindFirst(PlatformClaims.OrganizationId)!.Value);
        (await tokens.ValidateTokenAsync(Token(), Offering())).IsValid.ShouldBeFalse("a token never checked is checked in full");
    }

    [Fact]
    public async Task A_remembered_token_is_checked_afresh_once_it_expired()
    {
        var tokens = new ValidatedTokens(clock);
        var token = Token();
        (await tokens.ValidateTokenAsync(token, Offering(key))).IsValid.ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(6));

        (await tokens.ValidateTokenAsync(token, Offering())).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task A_tampered_copy_of_a_remembered_token_is_never_a_hit()
    {
        var tokens = new ValidatedTokens(clock);
        var token = Token();
        (await tokens.ValidateTokenAsync(token, Offering(key))).IsValid.ShouldBeTrue();
        var parts = token.Split('.');
        var claims = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement;
        var elevated = Base64UrlEncoder.Encode(claims.GetRawText().Replace("\"caseworker\"", "\"auditor\"", StringComparison.Ordinal));

        (await tokens.ValidateTokenAsync(string.Join('.', parts[0], elevated, parts[2]), Offering(key))).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task Memory_is_bounded_past_its_capacity_the_oldest_tokens_are_checked_afresh()
    {
        var tokens = new ValidatedTokens(clock, capacity: 2);
        var first = Token();
        foreach (var token in new[] { first, Token() })
        {
            (await tokens.ValidateTokenAsync(token, Offering(key))).IsValid.ShouldBeTrue();
        }
        (await tokens.ValidateTokenAsync(first, Offering())).IsValid.ShouldBeTrue("two fit");

        (await tokens.ValidateTokenAsync(Token(), Offering(key))).IsValid.ShouldBeTrue();

        (await tokens.ValidateTokenAsync(first, Offering())).IsValid.ShouldBeFalse("forgotten to make room, so checked in full");
    }

}
