using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Appending;

namespace Referrals.Referring.EndingAccess;

/// <summary>
/// What follows the end of a referral's share. When the consent ends (revoked, expired, or the
/// case's data erased), for each referral shared under it: the referral records that its recipient
/// lost access (which cases shows on the referring case's timeline), then the referral's sealed copy
/// of the shared data is erased (its data key destroyed), so not even the event store can show it
/// again. When the referral itself ends the recipient's need for the data (rejected, cancelled,
/// re-routed), the copy is erased the same way. The shared view is already gone by then: it is
/// purged in the transaction that ends the consent or the referral. Each step is safe to repeat, so
/// the sweeper finishes what a request cut short.
/// </summary>
public static class AccessEndings
{
    public const string ErasureReason = "the consent the data was shared under ended";

    public const string CaseErasureReason = "the referring case's data was erased";

    public const string ShareEndedReason = "the referral was rejected, cancelled or re-routed: its recipient needs the data no more";

    private const int MaxAttempts = 3;

    public static async Task EndForConsentAsync(
        EventStore store, NpgsqlDataSource database, Guid consentId, AccessEndReason reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        foreach (var referralId in await Ids.ReadAsync(database, "select referral_id from referrals where consent_id = $1 and not data_erased",
            cancellationToken, consentId))
        {
            await EndAsync(store, referralId, reason, consentExpiredAt: null, metadata, cancellationToken);
        }
    }

    /// <summary>
    /// Ends the recipient's access to one referral and erases its copy, each at most once: decided
    /// from the referral's own stream and appended at the version read, so a revocation and a sweep
    /// racing on it record one <see cref="ReferralAccessEnded"/> and one erasure between them. A
    /// lost race is decided again on what the winner did (nothing left to do, usually); when it keeps
    /// losing, <see cref="WrongExpectedVersionException"/> leaves the rest to the next sweep.
    /// <paramref name="consentExpiredAt"/> is the consent's expiry, recorded when that is why access ends.
    /// </summary>
    public static Task<long> EndAsync(
        EventStore store, Guid referralId, AccessEndReason reason, DateTimeOffset? consentExpiredAt, EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return DecideAndEraseAsync(store, referralId, state => EndAccess.Decide(new(reason, consentExpiredAt, metadata.OccurredAt), state),
            reason == AccessEndReason.CaseDataErased ? CaseErasureReason : ErasureReason, metadata, cancellationToken);
    }

    /// <summary>
    /// Erases the sealed copy of a referral its recipient no longer needs (rejected, cancelled,
    /// re-routed), once, the way <see cref="EndAsync"/> does; the recipient keeps reading the referral
    /// itself while the consent lasts. Returns the referral's version after it.
    /// </summary>
    public static Task<long> EraseCopyAsync(EventStore store, Guid referralId, EventMetadata metadata, CancellationToken cancellationToken) =>
        DecideAndEraseAsync(store, referralId, _ => [], ShareEndedReason, metadata, cancellationToken);

    /// <summary>Whether these events, just appended, end the recipient's need for the shared copy.</summary>
    public static bool EndTheShare(IEnumerable<object> events) =>
        events.Any(e => e is ReferralRejected or ReferralCancelled or ReferralRerouted);

    private static async Task<long> DecideAndEraseAsync(
        EventStore store, Guid referralId, Func<ReferralState, IReadOnlyList<object>> decide, string erasureReason, EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var streamId = ReferralStreams.Id(referralId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DecideAndEraseOnceAsync(store, streamId, referralId, decide, erasureReason, metadata, cancellationToken);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                // Someone else changed the referral first (another ending, a step): decide again on what they did.
            }
        }
    }

    private static async Task<long> DecideAndEraseOnceAsync(
        EventStore store, string streamId, Guid referralId, Func<ReferralState, IReadOnlyList<object>> decide, string erasureReason,
        EventMetadata metadata, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(streamId, ReferralState.Initial, ReferralState.Evolve, cancellationToken: cancellationToken);
        var version = loaded.Version;
        if (loaded.State.Status == ReferralStatus.None)
        {
            return version;
        }
        var events = decide(loaded.State);
        if (events.Count > 0)
        {
            version = (await store.AppendAsync(streamId, ExpectedVersion.Exactly(version), [.. events.Select(EventToAppend.New)], metadata, cancellationToken))
                .StreamVersion;
        }
        if (!loaded.State.DataErased)
        {
            version = (await store.EraseSubjectAsync(referralId, streamId, ExpectedVersion.Exactly(version), erasureReason, metadata, cancellationToken))
                .StreamVersion;
        }
        return version;
    }
}
