using Npgsql;
using Platform.EventStore.Appending;
using Referrals.Referring;
using Referrals.Referring.EndingAccess;

namespace Referrals.Consents.Revoking;

public static class RevokeConsentEndpoint
{
    /// <summary>
    /// Revokes the consent (If-Match: its ETag; without one, a revocation that loses a race, to the
    /// sweeper's expiry say, is decided again on what won): the recipients lose access and their
    /// shared views are purged in the revocation's own transaction; each referral under it then
    /// records the end of access and its sealed copy is erased (the sweeper finishes that if this
    /// request is cut short).
    /// </summary>
    public static async Task<IResult> HandleAsync(Guid consentId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (store, at, caller) = Changes.Context(http);
        var streamId = ConsentStreams.Id(consentId);
        var metadata = Changes.Metadata(http, caller, at);
        var result = await Changes.OnceMoreOnLostRaceAsync(http.Request, async () =>
        {
            var loaded = await store.LoadAsync(streamId, ConsentState.Initial, ConsentState.Evolve, cancellationToken: http.RequestAborted);
            var expected = StreamETag.Expected(http.Request, streamId, loaded.Version);
            var events = RevokeConsent.Decide(new(consentId, caller.ClientId, at), loaded.State);
            return await store.AppendAsync(streamId, ExpectedVersion.Exactly(expected), [.. events.Select(EventToAppend.New)], metadata, http.RequestAborted);
        });
        try
        {
            await AccessEndings.EndForConsentAsync(store, http.RequestServices.GetRequiredService<NpgsqlDataSource>(), consentId,
                AccessEndReason.ConsentRevoked, metadata, http.RequestAborted);
        }
        catch (WrongExpectedVersionException)
        {
            // The revocation is stored and access is already gone (the shared views were purged with it):
            // a referral whose ending lost a race to the sweeper is finished by the sweeper, not refused here.
        }
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Ok(new Changed(consentId, result.StreamVersion));
    }
}
