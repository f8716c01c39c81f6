using Platform.EventStore.Types;
using Referrals.Consents;
using Referrals.Referring;

namespace Referrals;

public static class ReferralEventTypes
{
    /// <summary>
    /// Every event referrals stores, under its stable name. Registering also checks the personal-data
    /// marking of each type, so a marking mistake fails at start-up.
    /// </summary>
    public static EventTypeRegistry Register(EventTypeRegistry types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types
            .Register<ConsentGranted>("referrals.consent-granted.v1")
            .Register<SharingOverrideRecorded>("referrals.sharing-override-recorded.v1")
            .Register<ConsentRevoked>("referrals.consent-revoked.v1")
            .Register<ConsentExpired>("referrals.consent-expired.v1")
            .Register<ConsentEndedByErasure>("referrals.consent-ended-by-erasure.v1")
            .Register<ReferralRequested>("referrals.referral-requested.v1")
            .Register<ReferralAccepted>("referrals.referral-accepted.v1")
            .Register<ReferralRejected>("referrals.referral-rejected.v1")
            .Register<ReferralStarted>("referrals.referral-started.v1")
            .Register<ReferralPutOnHold>("referrals.referral-put-on-hold.v1")
            .Register<ReferralCompleted>("referrals.referral-completed.v1")
            .Register<ReferralFailed>("referrals.referral-failed.v1")
            .Register<ReferralCancelled>("referrals.referral-cancelled.v1")
            .Register<ReferralOverdue>("referrals.referral-overdue.v1")
            .Register<ReferralRerouted>("referrals.referral-rerouted.v1")
            .Register<ReferralAccessEnded>("referrals.referral-access-ended.v1");
    }
}
