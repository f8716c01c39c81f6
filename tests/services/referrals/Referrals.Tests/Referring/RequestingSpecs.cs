using Referrals.Consents;
using Referrals.Directory;
using Referrals.Referring.Requesting;
using Referrals.Sharing;
using static Referrals.Tests.Examples;

namespace Referrals.Tests.Referring;

public sealed class RequestingSpecs
{
    private static readonly ServiceOffering LegalClinicOffered = new(LegalClinic, LegalAid, "Pro bono lawyers", ["legal-aid"], true);

    private static RequestReferral Request(
        SharedCaseData? data = null, Guid? consentId = null, Guid? caseId = null, Guid? recipient = null, ServiceOffering? service = null,
        DateTimeOffset? at = null, bool withService = true) =>
        new(ReferralId, caseId ?? CaseId, School, recipient ?? LegalAid, LegalClinic, consentId ?? ConsentId, data ?? Data(),
            withService ? service ?? LegalClinicOffered : null, RespondBy, null, "riverside-school", at ?? Now);

    [Fact]
    public void A_referral_under_consent_shares_exactly_the_consented_fields_and_records_which_left() =>
        Spec.Given(ConsentState.Fold, Granted()).When(Request(), RequestReferral.Decide).Then(Requested());

    [Fact]
    public void A_referral_without_consent_or_override_is_refused_saying_what_it_needs() =>
        Spec.Given(ConsentState.Fold).When(Request() with { ConsentId = null }, RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "needs the affected person's consent, or a recorded override");

    [Fact]
    public void A_consent_another_organization_recorded_counts_as_none()
    {
        var theirs = Granted() with { OrganizationId = Shelter, RecipientOrganizationId = LegalAid };
        Spec.Given(ConsentState.Fold, theirs).When(Request(), RequestReferral.Decide).ThenFails(RuleViolationKind.Unprocessable, "no consent");
    }

    [Fact]
    public void The_consent_must_be_for_this_case_and_this_recipient()
    {
        Spec.Given(ConsentState.Fold, Granted()).When(Request(caseId: Guid.CreateVersion7()), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "another case");
        Spec.Given(ConsentState.Fold, Granted(recipient: Shelter)).When(Request(), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "another recipient");
    }

    [Fact]
    public void A_revoked_or_expired_consent_shares_nothing_more()
    {
        Spec.Given(ConsentState.Fold, Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Now))
            .When(Request(at: Now.AddHours(1)), RequestReferral.Decide).ThenFails(RuleViolationKind.Conflict, "revoked");
        // Expired by its time alone, before the sweeper recorded it.
        Spec.Given(ConsentState.Fold, Granted()).When(Request(at: ConsentEnds), RequestReferral.Decide).ThenFails(RuleViolationKind.Conflict, "expired");
    }

    [Fact]
    public void A_field_outside_the_consents_scope_is_refused_by_name() =>
        Spec.Given(ConsentState.Fold, Granted()).When(Request(Data(safetyPlan: "Stay with an aunt.")), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "does not cover safety-plan");

    [Fact]
    public void A_referral_shares_at_least_one_field() =>
        Spec.Given(ConsentState.Fold, Granted()).When(Request(new SharedCaseData(ReferralId, null, null, null, null, null, null)), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "at least one field");

    [Fact]
    public void A_referral_to_an_organization_that_does_not_offer_the_service_is_refused()
    {
        Spec.Given(ConsentState.Fold, Granted()).When(Request(service: new ServiceOffering(LegalClinic, Shelter, "Pro bono lawyers", ["legal-aid"], true)), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "does not offer this service");
        Spec.Given(ConsentState.Fold, Granted()).When(Request(withService: false), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "lists no service");
        Spec.Given(ConsentState.Fold, Granted()).When(Request(service: LegalClinicOffered with { Active = false }), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "not taking referrals");
    }

    [Fact]
    public void A_consent_for_one_purpose_does_not_cover_a_service_offering_another_kind_of_help()
    {
        Spec.Given(ConsentState.Fold, Granted()).When(Request(service: LegalClinicOffered with { TaxonomyCodes = ["shelter"] }), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "not listed under 'legal-aid'");
        Spec.Given(ConsentState.Fold, Granted() with { Purpose = ReferralPurpose.Investigation })
            .When(Request(service: LegalClinicOffered with { TaxonomyCodes = ["legal-aid"] }), RequestReferral.Decide)
            .ThenFails(RuleViolationKind.Unprocessable, "not listed under 'hr-investigation'");
        Spec.Given(ConsentState.Fold, Granted() with { Purpose = ReferralPurpose.Investigation })
            .When(Request(service: LegalClinicOffered with { TaxonomyCodes = ["advocacy", "hr-investigation"] }), RequestReferral.Decide)
            .Then(Requested() with { Purpose = ReferralPurpose.Investigation });
    }

    [Fact]
    public void Shared_data_names_only_shareable_fields_each_with_a_value()
    {
        Should.Throw<ReferralRuleViolationException>(() => SharedCaseData.From(ReferralId, new Dictionary<string, string> { ["notes"] = "x" }))
            .Message.ShouldContain("'notes' is not a shareable field");
        Should.Throw<ReferralRuleViolationException>(() => SharedCaseData.From(ReferralId, new Dictionary<string, string> { ["summary"] = " " }))
            .Message.ShouldContain("'summary' needs a value");
        SharedCaseData.From(ReferralId, new Dictionary<string, string> { ["summary"] = " Harassed. ", ["preferred-language"] = "pl" })
            .ShouldBe(new SharedCaseData(ReferralId, null, "Harassed.", null, null, null, "pl"));
    }
}
