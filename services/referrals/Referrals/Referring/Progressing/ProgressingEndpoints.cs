namespace Referrals.Referring.Progressing;

public sealed record HoldRequest(ResponseReason? Reason);

public sealed record CompleteRequest(ReferralOutcome? Outcome);

public sealed record FailRequest(ResponseReason? Reason);

/// <summary>The recipient's progress on a referral it accepted, and its outcome.</summary>
public static class ProgressingEndpoints
{
    public static Task<IResult> StartAsync(Guid referralId, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) => StartReferral.Decide(new(party, by, at), state));

    public static Task<IResult> HoldAsync(Guid referralId, HoldRequest request, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) =>
            HoldReferral.Decide(new(party, Changes.Required(request.Reason, "reason"), by, at), state));

    public static Task<IResult> CompleteAsync(Guid referralId, CompleteRequest request, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) =>
            CompleteReferral.Decide(new(party, Changes.Required(request.Outcome, "outcome"), by, at), state));

    public static Task<IResult> FailAsync(Guid referralId, FailRequest request, HttpContext http) =>
        ReferralChanges.DecideAsync(http, referralId, (party, by, at, state) =>
            FailReferral.Decide(new(party, Changes.Required(request.Reason, "reason"), by, at), state));
}
