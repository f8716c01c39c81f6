using System.Buffers.Text;
using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Intake.AnonymousAccess;

/// <summary>
/// What a reporter gets for the right passphrase: a random token, sent back in the
/// <see cref="Header"/> header for half an hour, so reading and writing messages does not run the
/// slow hash each time. Only its SHA-256 is stored (256 random bits need no slow hash).
/// </summary>
public sealed class AnonymousSessions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string Header = "Report-Session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> OpenAsync(NpgsqlConnection connection, Guid reportId, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + Lifetime;
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into anonymous_sessions (token_digest, report_id, expires_at) values (@digest, @reportId, @expiresAt)",
            new { digest = Digest(token), reportId, expiresAt }, cancellationToken: cancellationToken));
        return (token, expiresAt);
    }

    /// <summary>
    /// The report a report key names, if <paramref name="token"/> is a live session of it: one
    /// query, so a known key with a wrong session costs what an unknown key costs.
    /// </summary>
    public async Task<Guid?> OpensAsync(ReportKey key, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            select access.report_id from anonymous_access as access
            join anonymous_sessions as session on session.report_id = access.report_id
            where access.key_digest = @keyDigest and session.token_digest = @tokenDigest and session.expires_at > @now
            """, new { keyDigest = key.Digest, tokenDigest = Digest(token), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private static byte[] Digest(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
