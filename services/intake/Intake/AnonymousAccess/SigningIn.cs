using Dapper;
using Npgsql;

namespace Intake.AnonymousAccess;

/// <summary>The answer to a passphrase: a session, a refusal, or wait (with how long).</summary>
public sealed record SignInAnswer(SignInOutcome Outcome, TimeSpan? RetryAfter, Guid? ReportId, string? SessionToken, DateTimeOffset? ExpiresAt);

/// <summary>
/// Checks a report key and passphrase against the lockout table and the stored hash. The key's
/// attempts row is locked for the whole check, so parallel guesses on one key queue up behind each
/// other instead of racing past the delay; unknown keys get a row and the same slow check, so
/// nothing (answer, timing, lockout) tells whether a key exists.
/// </summary>
public sealed class SigningIn(NpgsqlDataSource dataSource, AnonymousSignIn signIn, AnonymousSessions sessions, TimeProvider time)
{
    public async Task<SignInAnswer> AttemptAsync(ReportKey key, string passphrase, CancellationToken cancellationToken)
    {
        // Each check is ~0.5 s of one core: never more at once than there are cores, so a flood of
        // guesses queues here instead of taking every pooled connection from the partners' requests.
        await Hashing.WaitAsync(cancellationToken);
        try
        {
            return await CheckAsync(key, passphrase, cancellationToken);
        }
        finally
        {
            Hashing.Release();
        }
    }

    private static readonly SemaphoreSlim Hashing = new(Environment.ProcessorCount);

    private async Task<SignInAnswer> CheckAsync(ReportKey key, string passphrase, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var attempts = await LockAttemptsAsync(connection, key.Digest, now, cancellationToken);
        var stored = await AnonymousAccessKeys.FindAsync(connection, key.Digest, cancellationToken);

        var result = signIn.Attempt(attempts, stored?.Passphrase, passphrase, now);
        await connection.ExecuteAsync(new CommandDefinition("""
            update anonymous_access_attempts set failures = @Failures, first_failure_at = @FirstFailureAt, last_failure_at = @LastFailureAt,
                lockouts = @Lockouts, locked_until = @LockedUntil, touched_at = @now
            where key_digest = @digest
            """, new
        {
            result.Attempts.Failures,
            result.Attempts.FirstFailureAt,
            result.Attempts.LastFailureAt,
            result.Attempts.Lockouts,
            result.Attempts.LockedUntil,
            now,
            digest = key.Digest,
        }, cancellationToken: cancellationToken));

        SignInAnswer answer = new(result.Outcome, result.RetryAfter, null, null, null);
        if (result.Outcome == SignInOutcome.Granted && stored is { } granted)
        {
            var (token, expiresAt) = await sessions.OpenAsync(connection, granted.ReportId, cancellationToken);
            answer = answer with { ReportId = granted.ReportId, SessionToken = token, ExpiresAt = expiresAt };
        }
        await transaction.CommitAsync(cancellationToken);
        return answer;
    }

    // One statement creates or touches the row and locks it (an upsert's update takes the row lock),
    // so housekeeping cannot delete it between a separate insert and select.
    private static async Task<AccessAttempts> LockAttemptsAsync(NpgsqlConnection connection, string digest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into anonymous_access_attempts (key_digest, failures, lockouts, touched_at) values ($1, 0, 0, $2)
            on conflict (key_digest) do update set touched_at = excluded.touched_at
            returning failures, first_failure_at, last_failure_at, lockouts, locked_until
            """, connection);
        command.Parameters.Add(new() { Value = digest });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AccessAttempts(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset?>(1), reader.GetFieldValue<DateTimeOffset?>(2),
            reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset?>(4));
    }
}
