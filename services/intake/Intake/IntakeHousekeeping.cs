using Dapper;
using Intake.AnonymousAccess;
using Intake.Idempotency;
using Npgsql;
using Platform.ServiceDefaults;

namespace Intake;

/// <summary>
/// Forgets what intake keeps only for a while: expired report sessions, Idempotency-Keys past their
/// retention, and attempt rows of keys nobody has tried for longer than the longest lockout (after
/// which the policy would forget their escalation anyway). Without it, guessing random keys would
/// grow a table forever. Any instance may run it; the deletes are idempotent.
/// </summary>
public sealed partial class IntakeHousekeeping(
    NpgsqlDataSource dataSource, SchemaState schema, LockoutPolicy lockout, TimeProvider time, ILogger<IntakeHousekeeping> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Applied.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            delete from anonymous_sessions where expires_at < @now;
            delete from idempotent_requests where created_at < @idempotencyExpired;
            delete from anonymous_access_attempts where touched_at < @attemptsExpired and coalesce(locked_until, touched_at) < @now;
            """, new { now, idempotencyExpired = now - IdempotentRequests.Retention, attemptsExpired = now - (2 * lockout.MaxLockout) },
            cancellationToken: cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake housekeeping failed; it will try again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
