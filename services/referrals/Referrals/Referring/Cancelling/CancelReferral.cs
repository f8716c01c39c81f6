using Referrals.Consents;

namespace Referrals.Referring.Cancelling;

/// <summary>
/// The referrer withdraws a referral that has not finished (FHIR → <c>cancelled</c>).
/// <paramref name="SharedUnder"/> is the consent the referral was shared under, as it stands: whether
/// the recipient is told depends on it too, since a consent ends before its referrals record it.
/// </summary>
public sealed record CancelReferral(ReferralParty Party, ResponseReason? Reason, string By, DateTimeOffset At, ConsentState SharedUnder)
{
    public static IReadOnlyList<object> Decide(CancelReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Referrer, "cancel");
        state.EnsureStatus("cancelled", ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralCancelled(state.Id, state.Parties, command.Reason, command.By, command.At, RecipientHasAccess: state.RecipientReadsAt(command.SharedUnder, command.At))];
    }
}
