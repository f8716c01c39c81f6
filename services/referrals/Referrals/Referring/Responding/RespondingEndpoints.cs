namespace Referrals.Referring.Responding;

public sealed record RejectRequest(ResponseReason? Reason);

/// <summary>The recipient's answer to a referral.</summary>
public static class RespondingEndpoints
{
    public static Task<IResult> AcceptAsync(Guid referralId, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) => AcceptReferral.Decide(new(party, by, at), state));

    public static Task<IResult> RejectAsync(Guid referralId, RejectRequest request, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) =>
            RejectReferral.Decide(new(party, Changes.Required(request.Reason, "reason"), by, at), state));
}
