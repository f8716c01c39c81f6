using Referrals.Consents;
using Referrals.Directory;
using Referrals.Referring;
using Referrals.Referring.Requesting;
using Referrals.Referring.Rerouting;
using static Referrals.Tests.Examples;

namespace Referrals.Tests.Referring;

public sealed class ReroutingSpecs
{
    private static readonly Guid NewReferralId = Guid.Parse("0195a6f0-0000-7000-8000-0000000000f1");
    private static readonly Guid ShelterConsentId = Guid.Parse("0195a6f0-0000-7000-8000-0000000000c1");
    private static readonly DateTimeOffset Later = RespondBy.AddHours(1);

    private static readonly ConsentState ShelterConsent = ConsentState.Fold([Granted(recipient: Shelter) with { ConsentId = ShelterConsentId, Purpose = ReferralPurpose.Shelter }]);

    private static RerouteReferral Reroute(ReferralParty party = ReferralParty.Referrer, Guid? serviceId = null, ConsentState? sharedUnder = null) =>
        new(party, new RequestReferral(NewReferralId, Guid.Empty, School, Shelter, serviceId ?? ShelterBeds, ShelterConsentId, Data(NewReferralId),
            new ServiceOffering(serviceId ?? ShelterBeds, Shelter, "Emergency beds", ["shelter"], true), Later.AddHours(72), null, "riverside-school", Later),
            sharedUnder ?? Consent);

    private static Rerouting Decide(RerouteReferral command, params object[] history) =>
        RerouteReferral.Decide(command, ReferralState.Fold([Requested(), .. history]), ShelterConsent);

    [Fact]
    public void A_re_route_creates_a_new_referral_for_the_same_case_and_both_streams_record_the_link()
    {
        var decided = Decide(Reroute(), new ReferralOverdue(ReferralId, Parties, RespondBy, RespondBy));

        Decision.Stored(decided.OldReferral).ShouldBe(Decision.Stored([new ReferralRerouted(ReferralId, Parties, NewReferralId, "riverside-school", Later)]));
        var requested = decided.NewReferral.ShouldHaveSingleItem().ShouldBeOfType<ReferralRequested>();
        requested.ReferralId.ShouldBe(NewReferralId);
        requested.RerouteOf.ShouldBe(ReferralId);
        requested.Parties.ShouldBe(new ReferralParties(CaseId, School, Shelter));
        requested.ConsentId.ShouldBe(ShelterConsentId);
    }

    [Fact]
    public void A_referral_re_routed_after_its_recipients_access_ended_records_that_the_old_recipient_is_not_to_be_told()
    {
        var decided = Decide(Reroute(), new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentRevoked, null, RespondBy));

        Decision.Stored(decided.OldReferral).ShouldBe(Decision.Stored(
            [new ReferralRerouted(ReferralId, Parties, NewReferralId, "riverside-school", Later, RecipientHasAccess: false)]));
    }

    [Fact]
    public void A_referral_re_routed_once_its_consent_was_revoked_but_before_the_referral_recorded_it_records_that_the_old_recipient_is_not_to_be_told()
    {
        var revoked = ConsentState.Fold([Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", RespondBy)]);

        var decided = Decide(Reroute(sharedUnder: revoked), new ReferralOverdue(ReferralId, Parties, RespondBy, RespondBy));

        Decision.Stored(decided.OldReferral).ShouldBe(Decision.Stored(
            [new ReferralRerouted(ReferralId, Parties, NewReferralId, "riverside-school", Later, RecipientHasAccess: false)]));
    }

    [Fact]
    public void Only_the_referrer_re_routes_to_another_service_a_referral_not_taken_on()
    {
        Should.Throw<ReferralRuleViolationException>(() => Decide(Reroute(ReferralParty.Recipient))).Message.ShouldContain("Only the referring organization");
        Should.Throw<ReferralRuleViolationException>(() => Decide(Reroute(serviceId: LegalClinic))).Message.ShouldContain("another service");
        Should.Throw<ReferralRuleViolationException>(() => Decide(Reroute(), new ReferralAccepted(ReferralId, Parties, "harbour-legal-aid", Later)))
            .Kind.ShouldBe(RuleViolationKind.Conflict);
        Should.Throw<ReferralRuleViolationException>(() => Decide(Reroute(),
                new ReferralRejected(ReferralId, Parties, ResponseReason.NoCapacity, "harbour-legal-aid", Later),
                new ReferralRerouted(ReferralId, Parties, Guid.CreateVersion7(), "riverside-school", Later)))
            .Message.ShouldContain("already re-routed");
    }
}
