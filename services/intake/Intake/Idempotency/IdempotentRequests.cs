using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Intake.Idempotency;

/// <summary>A request holding its <c>Idempotency-Key</c>: the handler completes it in its own transaction.</summary>
public sealed class IdempotentRequest(byte[] keyDigest, byte[] sealingKey)
{
    internal byte[] KeyDigest { get; } = keyDigest;

    internal byte[] SealingKey { get; } = sealingKey;

    public bool Completed { get; internal set; }
}

public abstract record IdempotencyOutcome
{
    public sealed record Proceed(IdempotentRequest Request) : IdempotencyOutcome;

    public sealed record Replay(IdempotentResponse Response) : IdempotencyOutcome;

    public sealed record InProgress : IdempotencyOutcome;

    public sealed record DifferentRequest : IdempotencyOutcome;
}

/// <summary>
/// The <c>Idempotency-Key</c> store (draft-ietf-httpapi-idempotency-key-header). A key is claimed
/// before the work starts, with a lease; the handler writes the response in the same transaction as
/// its events, so "done" and "remembered" cannot disagree. A failed request releases its key, so
/// it can be retried; one whose process died is retried once its lease runs out.
/// <para>
/// Responses are sealed (AES-256-GCM) with a key derived from the client's Idempotency-Key, which
/// is never stored: the database holds a digest to find the row and ciphertext only its client can
/// open. On the anonymous route the response holds the reporter's key and passphrase, so this is
/// what lets a lost response be replayed without keeping those secrets anywhere.
/// </para>
/// </summary>
public sealed class IdempotentRequests(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>How long a key is remembered: retries come within minutes; a day covers an outage.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<IdempotencyOutcome> BeginAsync(string scope, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"));
        var sealingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key), 32,
            Encoding.UTF8.GetBytes(scope), "platform.intake.idempotent-response.v1"u8.ToArray());
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Claim the key, or take over a lease that ran out, or an entry past retention.
        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            insert into idempotent_requests (key_digest, fingerprint, lease_until, created_at)
            values (@digest, @fingerprint, @leaseUntil, @now)
            on conflict (key_digest) do update set fingerprint = excluded.fingerprint, lease_until = excluded.lease_until,
                created_at = excluded.created_at, completed = false, sealed_response = null
            where (not idempotent_requests.completed and idempotent_requests.lease_until < @now
                   and idempotent_requests.fingerprint = excluded.fingerprint)
               or idempotent_requests.created_at < @expired
            """, new { digest, fingerprint, leaseUntil = now + Lease, now, expired = now - Retention }, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return new IdempotencyOutcome.Proceed(new IdempotentRequest(digest, sealingKey));
        }

        var existing = await connection.QuerySingleOrDefaultAsync<(byte[] Fingerprint, bool Completed, byte[]? Sealed)?>(new CommandDefinition(
            "select fingerprint, completed, sealed_response from idempotent_requests where key_digest = @digest",
            new { digest }, cancellationToken: cancellationToken));
        return existing switch
        {
            null => await BeginAsync(scope, key, fingerprint, cancellationToken), // released in between: claim again
            { } row when !CryptographicOperations.FixedTimeEquals(row.Fingerprint, fingerprint) => new IdempotencyOutcome.DifferentRequest(),
            { Completed: true, Sealed: { } sealedResponse } => new IdempotencyOutcome.Replay(Open(sealedResponse, sealingKey)),
            _ => new IdempotencyOutcome.InProgress(),
        };
    }

    /// <summary>Remembers the response, on the handler's connection and in its transaction.</summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, IdempotentRequest request, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await connection.ExecuteAsync(new CommandDefinition(
            "update idempotent_requests set completed = true, sealed_response = @sealed where key_digest = @digest",
            new { digest = request.KeyDigest, @sealed = Seal(response, request.SealingKey) }, cancellationToken: cancellationToken));
        request.Completed = true;
    }

    /// <summary>Lets the key go after a request that changed nothing, so the client can retry it.</summary>
    public async Task ReleaseAsync(IdempotentRequest request)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from idempotent_requests where key_digest = @digest and not completed", new { digest = request.KeyDigest }));
    }

    private static byte[] Seal(IdempotentResponse response, byte[] key)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(response);
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return sealedBytes;
    }

    private static IdempotentResponse Open(byte[] sealedBytes, byte[] key)
    {
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain);
        return JsonSerializer.Deserialize<IdempotentResponse>(plain)!;
    }
}
