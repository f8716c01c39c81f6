using Referrals.Consents;
using Referrals.Consents.Erasing;
using Referrals.Consents.Expiring;
using Referrals.Consents.Granting;
using Referrals.Consents.Overriding;
using Referrals.Consents.Revoking;
using Referrals.Sharing;
using static Referrals.Tests.Examples;

namespace Referrals.Tests.Consents;

public sealed class ConsentSpecs
{
    private static GrantConsent Grant(Guid? recipient = null, IReadOnlyList<ShareableField>? scope = null, DateTimeOffset? expiresAt = null) =>
        new(ConsentId, School, CaseId, recipient ?? LegalAid, ReferralPurpose.LegalAid, scope ?? ContactAndSummary, expiresAt ?? ConsentEnds,
            "riverside-school", Now);

    private static RecordOverride Override(string? legalBasis) =>
        new(ConsentId, School, CaseId, Shelter, ReferralPurpose.Shelter, [ShareableField.ContactDetails], OverrideGround.RiskToLife, legalBasis,
            Now.AddDays(2), "riverside-school", Now);

    [Fact]
    public void A_consent_names_the_recipient_purpose_scope_and_expiry_each_field_once_in_a_fixed_order() =>
        Spec.Given(ConsentState.Fold)
            .When(Grant(scope: [ShareableField.Summary, ShareableField.ContactDetails, ShareableField.Summary]), GrantConsent.Decide)
            .Then(Granted());

    [Fact]
    public void A_consent_must_name_another_organization_as_recipient()
    {
        Spec.Given(ConsentState.Fold).When(Grant(recipient: School), GrantConsent.Decide).ThenFails(RuleViolationKind.Unprocessable, "recipient");
        Spec.Given(ConsentState.Fold).When(Grant(recipient: Guid.Empty), GrantConsent.Decide).ThenFails(RuleViolationKind.Unprocessable, "recipient");
    }

    [Fact]
    public void A_consent_must_let_the_recipient_see_at_least_one_field() =>
        Spec.Given(ConsentState.Fold).When(Grant(scope: []), GrantConsent.Decide).ThenFails(RuleViolationKind.Unprocessable, "at least one field");

    [Fact]
    public void A_consent_must_expire_in_the_future_and_within_a_year()
    {
        Spec.Given(ConsentState.Fold).When(Grant(expiresAt: Now), GrantConsent.Decide).ThenFails(RuleViolationKind.Unprocessable, "expiresAt");
        Spec.Given(ConsentState.Fold).When(Grant(expiresAt: Now.AddDays(400)), GrantConsent.Decide).ThenFails(RuleViolationKind.Unprocessable, "expiresAt");
    }

    [Fact]
    public void The_same_consent_is_not_recorded_twice() =>
        Spec.Given(ConsentState.Fold, Granted()).When(Grant(), GrantConsent.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void An_override_is_its_own_event_with_its_ground_and_legal_basis() =>
        Spec.Given(ConsentState.Fold)
            .When(Override(" Children Act 1989 s.47 "), RecordOverride.Decide)
            .Then(new SharingOverrideRecorded(ConsentId, School, CaseId, Shelter, ReferralPurpose.Shelter, [ShareableField.ContactDetails],
                OverrideGround.RiskToLife, "Children Act 1989 s.47", Now.AddDays(2), "riverside-school", Now));

    [Fact]
    public void An_override_without_its_legal_basis_is_refused()
    {
        Spec.Given(ConsentState.Fold).When(Override(null), RecordOverride.Decide).ThenFails(RuleViolationKind.Unprocessable, "legalBasis");
        Spec.Given(ConsentState.Fold).When(Override("  "), RecordOverride.Decide).ThenFails(RuleViolationKind.Unprocessable, "legalBasis");
    }

    [Fact]
    public void A_consent_is_revoked_from_now_on() =>
        Spec.Given(ConsentState.Fold, Granted())
            .When(new RevokeConsent(ConsentId, "riverside-school", Now.AddDays(1)), RevokeConsent.Decide)
            .Then(new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Now.AddDays(1)));

    [Fact]
    public void Revoking_needs_a_consent_that_still_stands()
    {
        var revoke = new RevokeConsent(ConsentId, "riverside-school", Now.AddDays(1));
        Spec.Given(ConsentState.Fold).When(revoke, RevokeConsent.Decide).ThenFails(RuleViolationKind.NotFound);
        Spec.Given(ConsentState.Fold, Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Now))
            .When(revoke, RevokeConsent.Decide).ThenFails(RuleViolationKind.Conflict, "already revoked");
        Spec.Given(ConsentState.Fold, Granted(), new ConsentExpired(ConsentId, School, CaseId, ConsentEnds, ConsentEnds))
            .When(revoke, RevokeConsent.Decide).ThenFails(RuleViolationKind.Conflict, "expired");
    }

    [Fact]
    public void A_consent_expires_at_its_time_once_and_not_before()
    {
        Spec.Given(ConsentState.Fold, Granted()).When(new ExpireConsent(ConsentId, ConsentEnds.AddTicks(-1)), ExpireConsent.Decide).Then();
        Spec.Given(ConsentState.Fold, Granted())
            .When(new ExpireConsent(ConsentId, ConsentEnds.AddMinutes(3)), ExpireConsent.Decide)
            .Then(new ConsentExpired(ConsentId, School, CaseId, ConsentEnds, ConsentEnds.AddMinutes(3)));
        Spec.Given(ConsentState.Fold, Granted(), new ConsentExpired(ConsentId, School, CaseId, ConsentEnds, ConsentEnds))
            .When(new ExpireConsent(ConsentId, ConsentEnds.AddDays(1)), ExpireConsent.Decide).Then();
        Spec.Given(ConsentState.Fold, Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Now))
            .When(new ExpireConsent(ConsentId, ConsentEnds.AddDays(1)), ExpireConsent.Decide).Then();
    }

    [Fact]
    public void A_consent_stops_allowing_sharing_at_its_expiry_before_its_expiry_is_recorded()
    {
        var consent = ConsentState.Fold([Granted()]);
        consent.IsActiveAt(ConsentEnds.AddTicks(-1)).ShouldBeTrue();
        consent.IsActiveAt(ConsentEnds).ShouldBeFalse();
        consent.WhyInactiveAt(ConsentEnds)!.ShouldContain("expired");
    }

    [Fact]
    public void Erasing_a_person_of_the_case_ends_a_running_consent_once_and_nothing_more_is_shared_or_revoked_under_it()
    {
        var subject = Guid.Parse("0195a6f0-0000-7000-8000-0000000000e1");
        var ended = new ConsentEndedByErasure(ConsentId, School, CaseId, subject, Now.AddDays(1));
        Spec.Given(ConsentState.Fold, Granted()).When(new EndConsentOnErasure(subject, Now.AddDays(1)), EndConsentOnErasure.Decide).Then(ended);
        Spec.Given(ConsentState.Fold, Granted(), ended).When(new EndConsentOnErasure(subject, Now.AddDays(2)), EndConsentOnErasure.Decide).Then();
        Spec.Given(ConsentState.Fold, Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Now))
            .When(new EndConsentOnErasure(subject, Now.AddDays(1)), EndConsentOnErasure.Decide).Then();
        Spec.Given(ConsentState.Fold).When(new EndConsentOnErasure(subject, Now.AddDays(1)), EndConsentOnErasure.Decide).Then();
        Spec.Given(ConsentState.Fold, Granted(), ended).When(new RevokeConsent(ConsentId, "riverside-school", Now.AddDays(2)), RevokeConsent.Decide)
            .ThenFails(RuleViolationKind.Conflict, "erased");
        ConsentState.Fold([Granted(), ended]).WhyInactiveAt(Now.AddDays(2))!.ShouldContain("erased");
    }
}
