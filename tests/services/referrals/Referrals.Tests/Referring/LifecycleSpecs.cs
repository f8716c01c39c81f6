using Referrals.Consents;
using Referrals.Referring;
using Referrals.Referring.Cancelling;
using Referrals.Referring.Deadlines;
using Referrals.Referring.EndingAccess;
using Referrals.Referring.Progressing;
using Referrals.Referring.Responding;
using static Referrals.Tests.Examples;

namespace Referrals.Tests.Referring;

/// <summary>The FHIR Task states of a referral: requested → accepted | rejected → in-progress ↔ on-hold → completed | failed; cancelled by the referrer.</summary>
public sealed class LifecycleSpecs
{
    private const string Ngo = "harbour-legal-aid";
    private static readonly DateTimeOffset Later = Now.AddHours(5);

    private static readonly ReferralAccepted Accepted = new(ReferralId, Parties, Ngo, Later);
    private static readonly ReferralStarted Started = new(ReferralId, Parties, Ngo, Later);
    private static readonly ReferralPutOnHold Held = new(ReferralId, Parties, ResponseReason.WaitingForPerson, Ngo, Later);

    private static GivenHistory<ReferralState> Given(params object[] history) => Spec.Given(ReferralState.Fold, [Requested(), .. history]);

    [Fact]
    public void The_recipient_accepts_a_requested_referral() =>
        Given().When(new AcceptReferral(ReferralParty.Recipient, Ngo, Later), AcceptReferral.Decide).Then(Accepted);

    [Fact]
    public void The_recipient_rejects_a_requested_referral_saying_why() =>
        Given().When(new RejectReferral(ReferralParty.Recipient, ResponseReason.NoCapacity, Ngo, Later), RejectReferral.Decide)
            .Then(new ReferralRejected(ReferralId, Parties, ResponseReason.NoCapacity, Ngo, Later));

    [Fact]
    public void Only_the_recipient_answers_and_only_once()
    {
        Given().When(new AcceptReferral(ReferralParty.Referrer, "riverside-school", Later), AcceptReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "Only the recipient organization can accept");
        Given(Accepted).When(new AcceptReferral(ReferralParty.Recipient, Ngo, Later), AcceptReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "A referral that is accepted cannot be accepted");
        Given(Accepted).When(new RejectReferral(ReferralParty.Recipient, ResponseReason.NotEligible, Ngo, Later), RejectReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "only one that is requested");
    }

    [Fact]
    public void There_is_nothing_to_answer_without_a_referral() =>
        Spec.Given(ReferralState.Fold).When(new AcceptReferral(ReferralParty.Recipient, Ngo, Later), AcceptReferral.Decide)
            .ThenFails(RuleViolationKind.NotFound);

    [Fact]
    public void Work_starts_after_acceptance_pauses_and_resumes()
    {
        Given(Accepted).When(new StartReferral(ReferralParty.Recipient, Ngo, Later), StartReferral.Decide).Then(Started);
        Given(Accepted, Started).When(new HoldReferral(ReferralParty.Recipient, ResponseReason.WaitingForPerson, Ngo, Later), HoldReferral.Decide)
            .Then(Held);
        Given(Accepted, Started, Held).When(new StartReferral(ReferralParty.Recipient, Ngo, Later), StartReferral.Decide).Then(Started);
    }

    [Fact]
    public void Work_does_not_start_before_acceptance_nor_pause_unless_under_way()
    {
        Given().When(new StartReferral(ReferralParty.Recipient, Ngo, Later), StartReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "only one that is accepted or on-hold");
        Given(Accepted).When(new HoldReferral(ReferralParty.Recipient, ResponseReason.WaitingForPerson, Ngo, Later), HoldReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "only one that is in-progress");
    }

    [Fact]
    public void The_recipient_records_the_outcome_of_work_under_way() =>
        Given(Accepted, Started).When(new CompleteReferral(ReferralParty.Recipient, ReferralOutcome.ServiceProvided, Ngo, Later), CompleteReferral.Decide)
            .Then(new ReferralCompleted(ReferralId, Parties, ReferralOutcome.ServiceProvided, Ngo, Later));

    [Fact]
    public void A_referral_completes_only_from_work_under_way()
    {
        Given(Accepted).When(new CompleteReferral(ReferralParty.Recipient, ReferralOutcome.ServiceProvided, Ngo, Later), CompleteReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "only one that is in-progress");
        Given(Accepted, Started).When(new CompleteReferral(ReferralParty.Referrer, ReferralOutcome.ServiceProvided, "riverside-school", Later), CompleteReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "Only the recipient organization");
    }

    [Fact]
    public void A_referral_taken_on_can_fail_even_while_on_hold()
    {
        Given(Accepted, Started, Held).When(new FailReferral(ReferralParty.Recipient, ResponseReason.PersonUnreachable, Ngo, Later), FailReferral.Decide)
            .Then(new ReferralFailed(ReferralId, Parties, ResponseReason.PersonUnreachable, Ngo, Later));
        Given().When(new FailReferral(ReferralParty.Recipient, ResponseReason.PersonUnreachable, Ngo, Later), FailReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict);
    }

    [Fact]
    public void The_referrer_cancels_an_unfinished_referral_and_only_the_referrer()
    {
        Given(Accepted, Started).When(new CancelReferral(ReferralParty.Referrer, ResponseReason.NoLongerNeeded, "riverside-school", Later, Consent), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, ResponseReason.NoLongerNeeded, "riverside-school", Later));
        Given().When(new CancelReferral(ReferralParty.Recipient, null, Ngo, Later, Consent), CancelReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "Only the referring organization can cancel");
        Given(Accepted, Started, new ReferralCompleted(ReferralId, Parties, ReferralOutcome.ServiceProvided, Ngo, Later))
            .When(new CancelReferral(ReferralParty.Referrer, null, "riverside-school", Later, Consent), CancelReferral.Decide)
            .ThenFails(RuleViolationKind.Conflict, "A referral that is completed cannot be cancelled");
    }

    [Fact]
    public void A_referral_cancelled_after_its_recipients_access_ended_records_that_the_recipient_is_not_to_be_told()
    {
        Given(Accepted, new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentRevoked, null, Later))
            .When(new CancelReferral(ReferralParty.Referrer, ResponseReason.NoLongerNeeded, "riverside-school", Later, Consent), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, ResponseReason.NoLongerNeeded, "riverside-school", Later, RecipientHasAccess: false));
        Given(Accepted)
            .When(new CancelReferral(ReferralParty.Referrer, ResponseReason.NoLongerNeeded, "riverside-school", Later, Consent), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, ResponseReason.NoLongerNeeded, "riverside-school", Later, RecipientHasAccess: true));
    }

    [Fact]
    public void A_referral_cancelled_once_its_consent_ended_but_before_the_referral_recorded_it_records_that_the_recipient_is_not_to_be_told()
    {
        // Revoked: the referral's stream hears of it only after the consent's own.
        var revoked = ConsentState.Fold([Granted(), new ConsentRevoked(ConsentId, School, CaseId, "riverside-school", Later)]);
        Given(Accepted)
            .When(new CancelReferral(ReferralParty.Referrer, ResponseReason.NoLongerNeeded, "riverside-school", Later, revoked), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, ResponseReason.NoLongerNeeded, "riverside-school", Later, RecipientHasAccess: false));
        // Expired: no sweep has recorded it on either stream yet.
        Given(Accepted)
            .When(new CancelReferral(ReferralParty.Referrer, ResponseReason.NoLongerNeeded, "riverside-school", ConsentEnds, Consent), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, ResponseReason.NoLongerNeeded, "riverside-school", ConsentEnds, RecipientHasAccess: false));
        // Any other consent than the referral's own says nothing of its recipient's access: not told.
        Given(Accepted)
            .When(new CancelReferral(ReferralParty.Referrer, null, "riverside-school", Later, ConsentState.Initial), CancelReferral.Decide)
            .Then(new ReferralCancelled(ReferralId, Parties, null, "riverside-school", Later, RecipientHasAccess: false));
    }

    [Fact]
    public void An_unanswered_referral_is_overdue_at_its_deadline_once()
    {
        Given().When(new MarkOverdue(RespondBy.AddTicks(-1)), MarkOverdue.Decide).Then();
        Given().When(new MarkOverdue(RespondBy), MarkOverdue.Decide).Then(new ReferralOverdue(ReferralId, Parties, RespondBy, RespondBy));
        Given(new ReferralOverdue(ReferralId, Parties, RespondBy, RespondBy)).When(new MarkOverdue(RespondBy.AddDays(1)), MarkOverdue.Decide).Then();
        Given(Accepted).When(new MarkOverdue(RespondBy.AddDays(1)), MarkOverdue.Decide).Then();
        Given(new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentExpired, ConsentEnds, Later))
            .When(new MarkOverdue(RespondBy.AddDays(1)), MarkOverdue.Decide).Then();
    }

    [Fact]
    public void The_recipient_loses_access_once_when_the_consent_ends_and_can_no_longer_act()
    {
        var ended = new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentRevoked, null, Later);
        Given().When(new EndAccess(AccessEndReason.ConsentRevoked, null, Later), EndAccess.Decide).Then(ended);
        Given(ended).When(new EndAccess(AccessEndReason.ConsentExpired, ConsentEnds, Later), EndAccess.Decide).Then();
        Given(ended).When(new AcceptReferral(ReferralParty.Recipient, Ngo, Later), AcceptReferral.Decide).ThenFails(RuleViolationKind.NotFound);
    }

    [Fact]
    public void Access_ended_by_expiry_records_when_the_consent_expired_and_by_any_other_reason_no_expiry()
    {
        Given().When(new EndAccess(AccessEndReason.ConsentExpired, ConsentEnds, ConsentEnds.AddMinutes(3)), EndAccess.Decide)
            .Then(new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.ConsentExpired, ConsentEnds, ConsentEnds.AddMinutes(3)));
        Given().When(new EndAccess(AccessEndReason.CaseDataErased, ConsentEnds, Later), EndAccess.Decide)
            .Then(new ReferralAccessEnded(ReferralId, Parties, ConsentId, AccessEndReason.CaseDataErased, null, Later));
    }
}
