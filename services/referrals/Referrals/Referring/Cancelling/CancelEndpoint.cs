namespace Referrals.Referring.Cancelling;

public sealed record CancelRequest(ResponseReason? Reason);

public static class CancelEndpoint
{
    public static Task<IResult> HandleAsync(Guid referralId, CancelRequest request, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state, sharedUnder) =>
            CancelReferral.Decide(new(party, request.Reason, by, at, sharedUnder), state));
}
