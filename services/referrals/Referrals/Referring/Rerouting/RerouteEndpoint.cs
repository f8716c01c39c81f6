using Platform.EventStore.Appending;
using Referrals.KnownCases;

namespace Referrals.Referring.Rerouting;

public static class RerouteEndpoint
{
    /// <summary>
    /// Re-routes the referral (If-Match: its ETag) to the service the body names, under the consent it
    /// names (the case is the old referral's, and must still be the caller's own). Both streams are
    /// written in one transaction: the new referral naming the old one, the old one naming the new.
    /// The old referral's sealed copy is then erased: its recipient never needs it again.
    /// </summary>
    public static async Task<IResult> HandleAsync(Guid referralId, NewReferralRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = Changes.Context(http);
        var oldStream = ReferralStreams.Id(referralId);
        var metadata = Changes.Metadata(http, caller, at);
        var (newReferralId, version) = await Changes.OnceMoreOnLostRaceAsync(http.Request, async () =>
        {
            var old = await store.LoadAsync(oldStream, ReferralState.Initial, ReferralState.Evolve, cancellationToken: http.RequestAborted);
            var expected = StreamETag.Expected(http.Request, oldStream, old.Version);
            var (newReferral, consent) = await ReferralChanges.NewReferralAsync(http, request);
            var sharedUnder = await ReferralChanges.SharedUnderAsync(store, old.State, http.RequestAborted);
            var decided = RerouteReferral.Decide(new(ReferralChanges.PartyOf(caller, old.State), newReferral, sharedUnder), old.State, consent);
            await CaseOrganizations.EnsureOwnAsync(http, old.State.Parties.CaseId);
            var result = await store.InTransactionAsync(async (transaction, token) =>
            {
                await transaction.AppendAsync(ReferralStreams.Id(newReferral.ReferralId), ExpectedVersion.NoStream,
                    [.. decided.NewReferral.Select(EventToAppend.New)], metadata, token);
                return await transaction.AppendAsync(oldStream, ExpectedVersion.Exactly(expected), [.. decided.OldReferral.Select(EventToAppend.New)], metadata, token);
            }, http.RequestAborted);
            return (newReferral.ReferralId, result.StreamVersion);
        });
        version = await ReferralChanges.EraseCopyAsync(store, referralId, metadata, version, http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(version);
        return TypedResults.Created($"/api/referrals/{newReferralId}", new Rerouted(referralId, version, newReferralId));
    }
}

/// <summary>The old referral at its new version (the ETag), and the new referral carrying it on.</summary>
public sealed record Rerouted(Guid Id, long Version, Guid NewReferralId);
