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

    public static async Task EndAsync(EventStore store, Guid referralId, AccessEndReason reason, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metadata);
        var streamId = ReferralStreams.Id(referralId);
        var loaded = await store.LoadAsync(streamId, ReferralState.Initial, ReferralState.Evolve, cancellationToken: cancellationToken);
        var events = EndAccess.Decide(new(reason, metadata.OccurredAt), loaded.State);
        if (events.Count > 0)
        {
            await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [.. events.Select(EventToAppend.New)], metadata, cancellationToken);
        }
        await store.EraseSubjectAsync(referralId, streamId, ExpectedVersion.Any, ErasureReason, metadata, cancellationToken);
    }
}
