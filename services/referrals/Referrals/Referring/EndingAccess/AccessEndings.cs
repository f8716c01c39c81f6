using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Appending;

namespace Referrals.Referring.EndingAccess;

/// <summary>
/// What follows the end of a consent, for each referral shared under it: the referral records that
/// its recipient lost access (which cases shows on the referring case's timeline), then the
/// referral's sealed copy of the shared data is erased (its data key destroyed), so not even the
/// event store can show it again. The shared view is already gone by then: it is purged in the
/// transaction that ends the consent. Each step is safe to repeat, so the sweeper finishes what a
/// revocation request cut short.
/// </summary>
public static class AccessEndings
{
    public const string ErasureReason = "the consent the data was shared under ended";

    private const int MaxAttempts = 3;

    public static async Task EndForConsentAsync(
        EventStore store, NpgsqlDataSource database, Guid consentId, AccessEndReason reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var referrals = new List<Guid>();
        await using (var command = database.CreateCommand("select referral_id from referrals where consent_id = $1 and not data_erased"))
        {
            command.Parameters.Add(new() { Value = consentId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                referrals.Add(reader.GetGuid(0));
            }
        }
        foreach (var referralId in referrals)
        {
            await EndAsync(store, referralId, reason, metadata, cancellationToken);
        }
    }

    /// <summary>
    /// Ends the recipient's access to one referral and erases its copy, each at most once: decided
    /// from the referral's own stream and appended at the version read, so a revocation and a sweep
    /// racing on it record one <see cref="ReferralAccessEnded"/> and one erasure between them. A
    /// lost race is decided again on what the winner did (nothing left to do, usually); when it keeps
    /// losing, <see cref="WrongExpectedVersionException"/> leaves the rest to the next sweep.
    /// </summary>
    public static async Task EndAsync(EventStore store, Guid referralId, AccessEndReason reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var streamId = ReferralStreams.Id(referralId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EndOnceAsync(store, streamId, referralId, reason, metadata, cancellationToken);
                return;
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                // Someone else changed the referral first (another ending, a step): decide again on what they did.
            }
        }
    }

    private static async Task EndOnceAsync(
        EventStore store, string streamId, Guid referralId, AccessEndReason reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(streamId, ReferralState.Initial, ReferralState.Evolve, cancellationToken: cancellationToken);
        if (loaded.State.Status == ReferralStatus.None)
        {
            return;
        }
        var version = loaded.Version;
        var events = EndAccess.Decide(new(reason, metadata.OccurredAt), loaded.State);
        if (events.Count > 0)
        {
            version = (await store.AppendAsync(streamId, ExpectedVersion.Exactly(version), [.. events.Select(EventToAppend.New)], metadata, cancellationToken))
                .StreamVersion;
        }
        if (!loaded.State.DataErased)
        {
            await store.EraseSubjectAsync(referralId, streamId, ExpectedVersion.Exactly(version), ErasureReason, metadata, cancellationToken);
        }
    }
}
