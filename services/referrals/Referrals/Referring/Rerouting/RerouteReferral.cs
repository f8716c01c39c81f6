using Referrals.Consents;
using Referrals.Referring.Requesting;

namespace Referrals.Referring.Rerouting;

/// <summary>What a re-route appends: to the old referral's stream and to the new one's, in one transaction.</summary>
public sealed record Rerouting(IReadOnlyList<object> OldReferral, IReadOnlyList<object> NewReferral);

/// <summary>
/// The referrer sends an unanswered (or rejected) referral on to another service: a new referral,
/// decided like any other against its own consent, that names the old one, which names it back.
/// <paramref name="SharedUnder"/> is the consent the old referral was shared under, as it stands (see
/// <see cref="Cancelling.CancelReferral"/>).
/// </summary>
public sealed record RerouteReferral(ReferralParty Party, RequestReferral NewReferral, ConsentState SharedUnder)
{
    public static Rerouting Decide(RerouteReferral command, ReferralState old, ConsentState consent)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(old);
        old.EnsureTakenBy(command.Party, ReferralParty.Referrer, "re-route");
        old.EnsureStatus("re-routed", ReferralStatus.Requested, ReferralStatus.Rejected);
        if (old.ReroutedTo is not null)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This referral was already re-routed.");
        }
        var request = command.NewReferral with { CaseId = old.Parties.CaseId, RerouteOf = old.Id };
        if (request.ServiceId == old.ServiceId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, "Re-route to another service than the one that did not respond.");
        }
        var requested = RequestReferral.Decide(request, consent);
        return new([new ReferralRerouted(old.Id, old.Parties, request.ReferralId, request.By, request.At, RecipientHasAccess: old.RecipientReadsAt(command.SharedUnder, request.At))], requested);
    }
}
