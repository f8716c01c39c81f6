using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Platform.Testing;

namespace Identity.Tests;

public sealed class SigningKeyRotationSpecs(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Rotation_keeps_tokens_signed_with_the_old_key_valid_until_they_expire_then_stops_publishing_it()
    {
        var before = await identity.TokenAsync("riverside-school");
        var oldKid = new JsonWebToken(before).Kid;

        var newKid = (await RotateAsync()).GetProperty("kid").GetString();
        var after = await identity.TokenAsync("riverside-school");

        newKid.ShouldNotBe(oldKid);
        new JsonWebToken(after).Kid.ShouldBe(newKid);
        (await identity.ValidateAgainstJwksAsync(before)).IsValid.ShouldBeTrue("a token in flight survives rotation");
        (await identity.ValidateAgainstJwksAsync(after)).IsValid.ShouldBeTrue();

        // Past the old token's expiry and the publishing margin, but well inside the new key's life.
        identity.Clock.Advance(TimeSpan.FromMinutes(7));

        (await identity.JwksAsync()).Keys.Select(key => key.KeyId).ShouldBe([newKid]);
        (await identity.ValidateAgainstJwksAsync(before)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task Private_keys_are_stored_only_encrypted()
    {
        await identity.TokenAsync("riverside-school");
        await using var dataSource = NpgsqlDataSource.Create(identity.Database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();

        var wrapped = await connection.QueryAsync<byte[]>("select wrapped_private_key from signing_keys");

        wrapped.ShouldNotBeEmpty();
        foreach (var stored in wrapped)
        {
            using var ecdsa = System.Security.Cryptography.ECDsa.Create();
            Should.Throw<System.Security.Cryptography.CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(stored, out _));
        }
    }

    private async Task<System.Text.Json.JsonElement> RotateAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/signing-keys/rotation");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await identity.TokenAsync("platform-admin"));
        using var response = await identity.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
