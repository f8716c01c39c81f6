using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Identity.SigningKeys;

/// <summary>
/// ES256 signing keys kept in identity's database, private halves wrapped (<see cref="KeyWrapping"/>).
/// One key signs at a time; a new one takes over when the current key's time is up or an
/// administrator rotates. A key leaving service stays published in the JWKS until every token it
/// signed has expired, so rotation never invalidates a token in flight.
/// </summary>
public sealed class SigningKeyStore(
    NpgsqlDataSource dataSource, KeyWrapping wrapping, IOptions<TokenSettings> options, TimeProvider time)
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    // Any constant works; it serializes key creation across identity instances.
    private const long LockKey = 0x6964_5f6b_6579_73;

    // Keys never change once written, so unwrapped ones are kept for the life of the process.
    private readonly ConcurrentDictionary<string, ECDsaSecurityKey> privateKeys = new();

    private TokenSettings Settings => options.Value;

    /// <summary>The key that signs now; the first call after start or after a key's time is up creates one.</summary>
    public async Task<ECDsaSecurityKey> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await CurrentRow(connection, cancellationToken);
        if (current is null)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync($"select pg_advisory_xact_lock({LockKey})", transaction: transaction);
            current = await CurrentRow(connection, cancellationToken) ?? await Insert(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return privateKeys.GetOrAdd(current.Kid, kid => Private(kid, current.WrappedPrivateKey));
    }

    /// <summary>Ends the current key's signing now (it stays published until its tokens expire) and starts a new one. Returns the new kid.</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"select pg_advisory_xact_lock({LockKey})", transaction: transaction);
        await connection.ExecuteAsync(
            "update signing_keys set signs_until = @now, published_until = @publishedUntil where signs_until > @now",
            new { now, publishedUntil = now + Settings.TokenLifetime + TokenSettings.PublishingMargin }, transaction);
        var next = await Insert(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next.Kid;
    }

    /// <summary>The public keys a validator must know now: the signing one and those whose tokens may still be valid.</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> PublishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Kid, byte[] PublicKey)>(new CommandDefinition(
            "select kid, public_key from signing_keys where published_until > @now order by created_at",
            new { now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return rows.Select(row => Public(row.Kid, row.PublicKey)).ToList();
    }

    private async Task<KeyRow?> CurrentRow(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            """
            select kid, wrapped_private_key as WrappedPrivateKey from signing_keys
            where created_at <= @now and signs_until > @now order by created_at desc limit 1
            """, new { now = time.GetUtcNow() }, cancellationToken: cancellationToken));

    private async Task<KeyRow> Insert(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var wrapped = wrapping.Wrap(kid, ecdsa.ExportPkcs8PrivateKey());
        var now = time.GetUtcNow();
        var signsUntil = now + Settings.SigningKeyLifetime;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into signing_keys (kid, algorithm, public_key, wrapped_private_key, created_at, signs_until, published_until)
            values (@kid, @algorithm, @publicKey, @wrapped, @now, @signsUntil, @publishedUntil)
            """,
            new
            {
                kid,
                algorithm = Algorithm,
                publicKey = ecdsa.ExportSubjectPublicKeyInfo(),
                wrapped,
                now,
                signsUntil,
                publishedUntil = signsUntil + Settings.TokenLifetime + TokenSettings.PublishingMargin,
            }, cancellationToken: cancellationToken));
        return new KeyRow(kid, wrapped);
    }

    private ECDsaSecurityKey Private(string kid, byte[] wrapped)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(wrapping.Unwrap(kid, wrapped), out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = kid };
    }

    private static ECDsaSecurityKey Public(string kid, byte[] publicKey)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = kid };
    }

    private sealed record KeyRow(string Kid, byte[] WrappedPrivateKey);
}
