using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults.Access;
using Referrals.Consents;
using Referrals.Directory;
using Referrals.Referring.EndingAccess;
using Referrals.Referring.Requesting;
using Referrals.Sharing;

namespace Referrals.Referring;

/// <summary>
/// The one way an endpoint changes a referral: load its stream, check If-Match, decide as the side
/// the caller is on, append at the version decided on. A stale If-Match is 412 before deciding; a
/// write that lands between the load and the append loses on the stream's unique version, and is
/// decided once more when the client sent no If-Match (<see cref="Changes.OnceMoreOnLostRaceAsync"/>).
/// A step that ends the recipient's need for the shared data (rejection, cancellation) then erases
/// the referral's sealed copy, and the answer carries the version after that.
/// </summary>
public static class ReferralChanges
{
    public static Task<IResult> DecideAsync(
        HttpContext http, Guid referralId, Func<ReferralParty, string, DateTimeOffset, ReferralState, IReadOnlyList<object>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return LoadDecideAppendAsync(http, referralId, (party, by, at, state, _) => Task.FromResult(decide(party, by, at, state)));
    }

    /// <summary>As the other overload, for a step decided with the consent the referral was shared under, as it stands.</summary>
    public static Task<IResult> DecideAsync(
        HttpContext http, Guid referralId, Func<ReferralParty, string, DateTimeOffset, ReferralState, ConsentState, IReadOnlyList<object>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return LoadDecideAppendAsync(http, referralId, async (party, by, at, state, store) =>
            decide(party, by, at, state, await SharedUnderAsync(store, state, http.RequestAborted)));
    }

    /// <summary>The consent <paramref name="referral"/> was shared under, as its stream stands now (no consent at all for no referral).</summary>
    public static Task<ConsentState> SharedUnderAsync(EventStore store, ReferralState referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return ConsentAsync(store, referral.Status == ReferralStatus.None ? null : referral.ConsentId, cancellationToken);
    }

    /// <summary>A consent as its stream stands now; no consent at all for no id.</summary>
    private static async Task<ConsentState> ConsentAsync(EventStore store, Guid? consentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return consentId is { } id
            ? (await store.LoadAsync(ConsentStreams.Id(id), ConsentState.Initial, ConsentState.Evolve, cancellationToken: cancellationToken)).State
            : ConsentState.Initial;
    }

    private static async Task<IResult> LoadDecideAppendAsync(
        HttpContext http, Guid referralId, Func<ReferralParty, string, DateTimeOffset, ReferralState, EventStore, Task<IReadOnlyList<object>>> decide)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (store, at, caller) = Changes.Context(http);
        var streamId = ReferralStreams.Id(referralId);
        var metadata = Changes.Metadata(http, caller, at);
        var (events, version) = await Changes.OnceMoreOnLostRaceAsync(http.Request, async () =>
        {
            var loaded = await store.LoadAsync(streamId, ReferralState.Initial, ReferralState.Evolve, cancellationToken: http.RequestAborted);
            var expected = StreamETag.Expected(http.Request, streamId, loaded.Version);
            var events = await decide(PartyOf(caller, loaded.State), caller.ClientId, at, loaded.State, store);
            var result = await store.AppendAsync(streamId, ExpectedVersion.Exactly(expected), [.. events.Select(EventToAppend.New)], metadata,
                http.RequestAborted);
            return (events, result.StreamVersion);
        });
        if (AccessEndings.EndTheShare(events))
        {
            version = await EraseCopyAsync(store, referralId, metadata, version, http.RequestAborted);
        }
        http.Response.Headers.ETag = StreamETag.Of(version);
        return TypedResults.Ok(new Changed(referralId, version));
    }

    /// <summary>
    /// Erases the sealed copy of a referral that was just rejected, cancelled or re-routed, and returns
    /// the referral's version after it. The step is stored by then: a copy whose erasure keeps losing
    /// races is left to the sweeper, which erases every such copy still held.
    /// </summary>
    public static async Task<long> EraseCopyAsync(EventStore store, Guid referralId, EventMetadata metadata, long versionSoFar, CancellationToken cancellationToken)
    {
        try
        {
            return await AccessEndings.EraseCopyAsync(store, referralId, metadata, cancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            return versionSoFar;
        }
    }

    /// <summary>The organization check let only the two parties through (auditors only read), so whoever is not the referrer is the recipient.</summary>
    public static ReferralParty PartyOf(Caller caller, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(state);
        return Changes.OrganizationOf(caller) == state.Parties.ReferringOrganizationId ? ReferralParty.Referrer : ReferralParty.Recipient;
    }

    /// <summary>A new referral as the caller asks for it, with the directory's entry for its service and the deadline that service answers by.</summary>
    public static async Task<(RequestReferral Command, ConsentState Consent)> NewReferralAsync(HttpContext http, NewReferralRequest request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = Changes.Context(http);
        var referralId = Guid.CreateVersion7();
        var serviceId = Changes.Required(request.ServiceId, "serviceId");
        var recipientId = Changes.Required(request.RecipientOrganizationId, "recipientOrganizationId");
        var options = http.RequestServices.GetRequiredService<IOptions<ReferralsOptions>>().Value;
        var consent = await ConsentAsync(store, request.ConsentId, http.RequestAborted);
        var service = await ServiceOfferings.FindAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), serviceId, http.RequestAborted);
        var command = new RequestReferral(referralId, request.CaseId ?? Guid.Empty, Changes.OrganizationOf(caller), recipientId, serviceId,
            request.ConsentId, SharedCaseData.From(referralId, request.SharedData), service, at + options.ResponseTimeFor(serviceId, service),
            RerouteOf: null, caller.ClientId, at);
        return (command, consent);
    }
}

/// <summary>
/// A referral of one of the caller's cases: to whom, which service, under which consent, and the
/// case data to share, by shareable field name (<c>contact-details</c>, <c>summary</c>, ...). The
/// referrer sends only what the consent covers; anything else is refused, never silently dropped.
/// </summary>
public sealed record NewReferralRequest(
    Guid? CaseId, Guid? RecipientOrganizationId, Guid? ServiceId, Guid? ConsentId, IReadOnlyDictionary<string, string>? SharedData);
