namespace Referrals.Referring.Cancelling;

/// <summary>The referrer withdraws a referral that has not finished (FHIR → <c>cancelled</c>).</summary>
public sealed record CancelReferral(ReferralParty Party, ResponseReason? Reason, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(CancelReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Referrer, "cancel");
        state.EnsureStatus("cancelled", ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralCancelled(state.Id, state.Parties, command.Reason, command.By, command.At, RecipientHasAccess: !state.AccessEnded)];
    }
}
