using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Intake.Idempotency;

/// <summary>A request holding its <c>Idempotency-Key</c>: the handler completes it in its own transaction.</summary>
public sealed class IdempotentRequest(byte[] keyDigest, Guid claim, byte[] sealingKey)
{
    internal byte[] KeyDigest { get; } = keyDigest;

    internal Guid Claim { get; } = claim;

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

    /// <param name="scope">Who and what the key is for: the caller and the endpoint with its route values.</param>
    /// <param name="key">The client's Idempotency-Key.</param>
    /// <param name="body">The request as bound; only a keyed digest of it is stored (a plain hash of a short message could be guessed).</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<IdempotencyOutcome> BeginAsync(string scope, string key, byte[] body, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}"));
        var secret = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(key), 64,
            Encoding.UTF8.GetBytes(scope), "platform.intake.idempotent-request.v1"u8.ToArray());
        var sealingKey = secret[..32];
        var fingerprint = HMACSHA256.HashData(secret[32..], body);
        var claim = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Claim the key, or take over a lease that ran out, or an entry past retention.
        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            insert into idempotent_requests (key_digest, fingerprint, lease_until, created_at, claim)
            values (@digest, @fingerprint, @leaseUntil, @now, @claim)
            on conflict (key_digest) do update set fingerprint = excluded.fingerprint, lease_until = excluded.lease_until,
                created_at = excluded.created_at, completed = false, sealed_response = null, claim = excluded.claim
            where (not idempotent_requests.completed and idempotent_requests.lease_until < @now
                   and idempotent_requests.fingerprint = excluded.fingerprint)
               or idempotent_requests.created_at < @expired
            """, new { digest, fingerprint, leaseUntil = now + Lease, now, expired = now - Retention, claim }, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return new IdempotencyOutcome.Proceed(new IdempotentRequest(digest, claim, sealingKey));
        }

        var existing = await connection.QuerySingleOrDefaultAsync<(byte[] Fingerprint, bool Completed, byte[]? Sealed)?>(new CommandDefinition(
            "select fingerprint, completed, sealed_response from idempotent_requests where key_digest = @digest",
            new { digest }, cancellationToken: cancellationToken));
        return existing switch
        {
            null => await BeginAsync(scope, key, body, cancellationToken), // released in between: claim again
            { } row when !CryptographicOperations.FixedTimeEquals(row.Fingerprint, fingerprint) => new IdempotencyOutcome.DifferentRequest(),
            { Completed: true, Sealed: { } sealedResponse } => new IdempotencyOutcome.Replay(Open(sealedResponse, sealingKey)),
            _ => new IdempotencyOutcome.InProgress(),
        };
    }

    /// <summary>Remembers the response, on the handler's connection and in its transaction.</summary>
    public static async Task CompleteAsync(NpgsqlConnection connection, IdempotentRequest request, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "update idempotent_requests set completed = true, sealed_response = @sealed where key_digest = @digest and claim = @claim and not completed",
            new { digest = request.KeyDigest, claim = request.Claim, @sealed = Seal(response, request.SealingKey) }, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            // Our lease ran out and a retry took the key over: throwing rolls our events back, so only one of us creates anything.
            throw new IdempotencyKeyLostException();
        }
        request.Completed = true;
    }

    /// <summary>Lets the key go after a request that changed nothing, so the client can retry it.</summary>
    public async Task ReleaseAsync(IdempotentRequest request)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from idempotent_requests where key_digest = @digest and claim = @claim and not completed",
            new { digest = request.KeyDigest, claim = request.Claim }));
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

/// <summary>A request outlived its lease and a retry holds its Idempotency-Key now: answered as 409, the retry's answer is the one.</summary>
public sealed class IdempotencyKeyLostException() : Exception("The Idempotency-Key was taken over by a retry of this request.");
