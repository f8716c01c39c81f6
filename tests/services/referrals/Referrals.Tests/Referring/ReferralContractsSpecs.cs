using Platform.EventStore;
using Platform.Messaging.Forwarding;
using Referrals.Referring;
using static Referrals.Tests.Examples;
using Public = Referrals.Contracts;

namespace Referrals.Tests.Referring;

public sealed class ReferralContractsSpecs
{
    private static object? Published(object @event) =>
        new IntegrationEventMap().PublishReferralEvents().Map(new RecordedEvent(1, 1, ReferralStreams.Id(ReferralId), 2, Guid.NewGuid(),
            "referrals.referral-access-ended.v1", @event, new EventMetadata("c", null, null, Actor.System("referrals.sweeper"), Now), Now));

    [Fact]
    public void Access_ended_by_expiry_is_published_with_when_the_consent_expired_and_otherwise_without()
    {
        var sweptAt = ConsentEnds.AddMinutes(7);
        Published(new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentExpired, ConsentEnds, sweptAt))
            .ShouldBe(new Public.ReferralAccessEnded(ReferralId, CaseId, School, LegalAid, "consent-expired", ConsentEnds, sweptAt));
        Published(new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.CaseDataErased, null, sweptAt))
            .ShouldBe(new Public.ReferralAccessEnded(ReferralId, CaseId, School, LegalAid, "case-data-erased", null, sweptAt));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_cancellation_or_re_route_is_published_saying_whether_the_recipient_still_had_access(bool recipientHasAccess)
    {
        var newReferralId = Guid.CreateVersion7();
        Published(new ReferralCancelled(ReferralId, Parties, null, "riverside-school", Now, recipientHasAccess))
            .ShouldBe(new Public.ReferralStatusChanged(ReferralId, CaseId, School, LegalAid, "cancelled", null, Now, recipientHasAccess));
        Published(new ReferralRerouted(ReferralId, Parties, newReferralId, "riverside-school", Now, recipientHasAccess))
            .ShouldBe(new Public.ReferralRerouted(ReferralId, CaseId, School, LegalAid, newReferralId, Now, recipientHasAccess));
    }
}
