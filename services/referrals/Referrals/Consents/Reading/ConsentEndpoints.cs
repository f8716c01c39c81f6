using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults.Access;
using Referrals.Sharing;

namespace Referrals.Consents;

/// <summary>A consent as its organization reads it: whom it lets see what, until when, and whether it still does.</summary>
public sealed record ConsentView(
    Guid ConsentId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> Scope,
    bool IsOverride,
    DateTimeOffset ExpiresAt,
    string Status);

public static class ConsentEndpoints
{
    public static async Task<IResult> GetAsync(Guid consentId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (store, now, _) = Changes.Context(http);
        var streamId = ConsentStreams.Id(consentId);
        await Changes.RecordReadAsync(http, streamId, "referrals: a consent");
        var loaded = await store.LoadAsync(streamId, ConsentState.Initial, ConsentState.Evolve, cancellationToken: http.RequestAborted);
        var state = loaded.State;
        http.Response.Headers.ETag = StreamETag.Of(loaded.Version);
        // An expired consent reads as expired from its expiry on, recorded yet or not.
        var status = state.Status == ConsentStatus.Active && !state.IsActiveAt(now) ? ConsentStatus.Expired : state.Status;
        return TypedResults.Ok(new ConsentView(state.Id, state.CaseId, state.RecipientOrganizationId, state.Purpose, state.Scope, state.IsOverride,
            state.ExpiresAt, status.ToString().ToLowerInvariant()));
    }

    internal static async Task<IResult> CreateAsync(
        HttpContext http, EventStore store, Guid consentId, IReadOnlyList<object> events, Caller caller, DateTimeOffset at)
    {
        var result = await store.AppendAsync(ConsentStreams.Id(consentId), ExpectedVersion.NoStream, [.. events.Select(EventToAppend.New)],
            Changes.Metadata(http, caller, at), http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Created($"/api/referrals/consents/{consentId}", new Changed(consentId, result.StreamVersion));
    }

    public static RouteHandlerBuilder RequireConsentAccess(this RouteHandlerBuilder builder, params string[] roles) =>
        builder.RequireOrganizationAccess(ConsentOwners.Type, "consentId", Scopes.Referrals, roles);
}
