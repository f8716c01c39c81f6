using Platform.Messaging.Forwarding;
using Referrals.Referring;
using Public = Referrals.Contracts;

namespace Referrals;

/// <summary>
/// Which referral events leave referrals, and as what: the steps of each referral, for the
/// referring case's timeline. Ids, vocabulary and times only: which fields were shared, never a
/// value. Consents stay private: a referral's access ending says what the referrer's case needs.
/// </summary>
public static class ReferralContracts
{
    public static IntegrationEventMap PublishReferralEvents(this IntegrationEventMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map
            .Publish<ReferralRequested>((e, _) => new Public.ReferralRequested(e.ReferralId, e.Parties.CaseId, e.Parties.ReferringOrganizationId,
                e.Parties.RecipientOrganizationId, e.ServiceId, [.. e.SharedFields.Select(WireName.Of)], e.RespondBy, e.RerouteOf, e.RequestedAt))
            .Publish<ReferralAccepted>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.Accepted, null, e.AcceptedAt))
            .Publish<ReferralRejected>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.Rejected, WireName.Of(e.Reason), e.RejectedAt))
            .Publish<ReferralStarted>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.InProgress, null, e.StartedAt))
            .Publish<ReferralPutOnHold>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.OnHold, WireName.Of(e.Reason), e.HeldAt))
            .Publish<ReferralCompleted>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.Completed, WireName.Of(e.Outcome), e.CompletedAt))
            .Publish<ReferralFailed>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.Failed, WireName.Of(e.Reason), e.FailedAt))
            .Publish<ReferralCancelled>((e, _) => Changed(e.ReferralId, e.Parties, ReferralStatus.Cancelled,
                e.Reason is { } reason ? WireName.Of(reason) : null, e.CancelledAt, e.RecipientHasAccess))
            .Publish<ReferralOverdue>((e, _) => new Public.ReferralOverdue(e.ReferralId, e.Parties.CaseId, e.Parties.ReferringOrganizationId,
                e.Parties.RecipientOrganizationId, e.RespondBy, e.MarkedAt))
            .Publish<ReferralRerouted>((e, _) => new Public.ReferralRerouted(e.ReferralId, e.Parties.CaseId, e.Parties.ReferringOrganizationId,
                e.Parties.RecipientOrganizationId, e.NewReferralId, e.ReroutedAt, e.RecipientHasAccess))
            .Publish<ReferralAccessEnded>((e, _) => new Public.ReferralAccessEnded(e.ReferralId, e.Parties.CaseId, e.Parties.ReferringOrganizationId,
                e.Parties.RecipientOrganizationId, WireName.Of(e.Reason), e.ConsentExpiredAt, e.EndedAt));
    }

    // Only the referrer acts once the recipient's access has ended (cancelling): every recipient step has it.
    private static Public.ReferralStatusChanged Changed(
        Guid referralId, ReferralParties parties, ReferralStatus status, string? businessStatus, DateTimeOffset at, bool recipientHasAccess = true) =>
        new(referralId, parties.CaseId, parties.ReferringOrganizationId, parties.RecipientOrganizationId, WireName.Of(status), businessStatus, at,
            recipientHasAccess);
}
