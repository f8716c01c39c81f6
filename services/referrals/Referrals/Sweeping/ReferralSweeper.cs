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
/// It also finishes what a request or a consumer cut short: access to end and copies to erase under
/// a consent that ended, and copies of referrals rejected, cancelled or re-routed still to erase.
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
        foreach (var consentId in await Ids.ReadAsync(database, "select consent_id from consents where ended_at is null and expires_at <= $1 limit $2",
            cancellationToken, now, Batch))
        {
            await DecideAsync(ConsentStreams.Id(consentId), ConsentState.Initial, ConsentState.Evolve,
                state => ExpireConsent.Decide(new(consentId, now), state), metadata, cancellationToken);
        }
        foreach (var share in await EndedSharesAsync(cancellationToken))
        {
            try
            {
                if (share.ConsentEnded is { } reason)
                {
                    await AccessEndings.EndAsync(store, share.ReferralId, reason, share.ConsentExpiredAt, metadata, cancellationToken);
                }
                else
                {
                    await AccessEndings.EraseCopyAsync(store, share.ReferralId, metadata, cancellationToken);
                }
            }
            catch (WrongExpectedVersionException)
            {
                // A request is ending it at the same moment: the next sweep finishes whatever it left, and the others go on.
            }
        }
        foreach (var referralId in await Ids.ReadAsync(database,
            "select referral_id from referrals where status = 'requested' and not overdue and not access_ended and respond_by <= $1 limit $2",
            cancellationToken, now, Batch))
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

    /// <summary>
    /// Referrals whose copy is not erased yet though it should be: under a consent that ended (a
    /// revocation or an erasure cut short, an expiry just recorded), with the reason access ends and,
    /// for an expiry, the consent's expiry; or turned down, cancelled or re-routed (erasure only).
    /// </summary>
    private async Task<List<UnfinishedShare>> EndedSharesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select r.referral_id, c.ended_how, c.expires_at
            from referrals r join consents c on c.consent_id = r.consent_id
            where not r.data_erased and (c.ended_at is not null or r.status in ('rejected', 'cancelled'))
            limit $1
            """);
        command.Parameters.Add(new() { Value = Batch });
        var shares = new List<UnfinishedShare>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ended = reader.IsDBNull(1) ? null : reader.GetString(1) switch
            {
                "revoked" => AccessEndReason.ConsentRevoked,
                "erased" => AccessEndReason.CaseDataErased,
                _ => (AccessEndReason?)AccessEndReason.ConsentExpired,
            };
            shares.Add(new(reader.GetGuid(0), ended, ended == AccessEndReason.ConsentExpired ? reader.GetFieldValue<DateTimeOffset>(2) : null));
        }
        return shares;
    }

    /// <summary>A referral the sweep finishes: ending access for <see cref="ConsentEnded"/> (null: the referral ended, only its copy goes).</summary>
    private sealed record UnfinishedShare(Guid ReferralId, AccessEndReason? ConsentEnded, DateTimeOffset? ConsentExpiredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A referrals sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception error);
}
