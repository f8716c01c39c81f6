using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults;
using Referrals.Consents;
using Referrals.Consents.Expiring;
using Referrals.Referring;
using Referrals.Referring.Deadlines;
using Referrals.Referring.EndingAccess;

namespace Referrals.Sweeping;

/// <summary>
/// Records what time alone brings about, every <see cref="ReferralsOptions.SweepInterval"/> by the
/// injected <see cref="TimeProvider"/>: consents past their expiry expire (and their recipients'
/// access ends, their copies erased), and referrals unanswered past their deadline become overdue.
/// Nothing waits for it to be safe: access checks and reads compare expiry with the time themselves.
/// Each decision appends at the version it read, so instances sweeping side by side record each
/// thing once; a conflict means another instance got there first.
/// </summary>
public sealed partial class ReferralSweeper(
    EventStore store, NpgsqlDataSource database, TimeProvider time, IOptions<ReferralsOptions> options, SchemaState schema,
    ILogger<ReferralSweeper> logger) : BackgroundService
{
    public static readonly Actor Actor = Actor.System("referrals.sweeper");

    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.Applied.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogSweepFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep at the time now; public so a test that moved the time need not wait for the next tick.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var metadata = EventMetadata.For(Actor, Guid.CreateVersion7().ToString(), now);
        foreach (var consentId in await IdsAsync("select consent_id from consents where ended_at is null and expires_at <= $1 limit $2", now, cancellationToken))
        {
            await DecideAsync(ConsentStreams.Id(consentId), ConsentState.Initial, ConsentState.Evolve,
                state => ExpireConsent.Decide(new(consentId, now), state), metadata, cancellationToken);
        }
        foreach (var (referralId, revoked) in await EndedSharesAsync(cancellationToken))
        {
            try
            {
                await AccessEndings.EndAsync(store, referralId, revoked ? AccessEndReason.ConsentRevoked : AccessEndReason.ConsentExpired, metadata, cancellationToken);
            }
            catch (WrongExpectedVersionException)
            {
                // A revocation request is ending it at the same moment: the next sweep finishes whatever it left, and the others go on.
            }
        }
        foreach (var referralId in await IdsAsync(
            "select referral_id from referrals where status = 'requested' and not overdue and not access_ended and respond_by <= $1 limit $2", now, cancellationToken))
        {
            await DecideAsync(ReferralStreams.Id(referralId), ReferralState.Initial, ReferralState.Evolve,
                state => MarkOverdue.Decide(new(now), state), metadata, cancellationToken);
        }
    }

    private async Task DecideAsync<TState>(
        string streamId, TState initial, Func<TState, object, TState> evolve, Func<TState, IReadOnlyList<object>> decide, EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(streamId, initial, evolve, cancellationToken: cancellationToken);
        var events = decide(loaded.State);
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [.. events.Select(EventToAppend.New)], metadata, cancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            // Another instance, or a handler, changed it first: the next sweep decides again on what it did.
        }
    }

    private async Task<List<Guid>> IdsAsync(string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = Batch });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <summary>Referrals whose consent ended but whose copy is not erased yet: a revocation cut short, or an expiry just recorded.</summary>
    private async Task<List<(Guid ReferralId, bool Revoked)>> EndedSharesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select r.referral_id, c.ended_how = 'revoked'
            from referrals r join consents c on c.consent_id = r.consent_id
            where c.ended_at is not null and not r.data_erased
            limit $1
            """);
        command.Parameters.Add(new() { Value = Batch });
        var shares = new List<(Guid, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shares.Add((reader.GetGuid(0), reader.GetBoolean(1)));
        }
        return shares;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A referrals sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
