using Platform.EventStore.Appending;
using Referrals.KnownCases;

namespace Referrals.Referring.Requesting;

public static class RequestReferralEndpoint
{
    public static async Task<IResult> HandleAsync(NewReferralRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = Changes.Context(http);
        var (command, consent) = await ReferralChanges.NewReferralAsync(http, request with { CaseId = Changes.Required(request.CaseId, "caseId") });
        var events = RequestReferral.Decide(command, consent);
        await CaseOrganizations.EnsureOwnAsync(http, command.CaseId);
        var result = await store.AppendAsync(ReferralStreams.Id(command.ReferralId), ExpectedVersion.NoStream, [.. events.Select(EventToAppend.New)],
            Changes.Metadata(http, caller, at), http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Created($"/api/referrals/{command.ReferralId}", new Changed(command.ReferralId, result.StreamVersion));
    }
}
