namespace Cases.Handling.Referring;

/// <summary>
/// A step of a referral the handling organization made of this case, as referrals published it
/// (<c>Referrals.Contracts</c>): <paramref name="Step"/> is the FHIR Task status it moved to, or
/// <c>overdue</c>, <c>re-routed</c> (to <paramref name="RelatedReferralId"/>) or <c>access-ended</c>;
/// <paramref name="Detail"/> the reason or outcome code; <paramref name="SharedFields"/> which fields
/// left the organization, on the request; <paramref name="ConsentExpiredAt"/> when the consent ran
/// out, on an access ended by its expiry. Ids, vocabulary and times only: part of the case's stream,
/// so its timeline shows each step of the loop.
/// </summary>
public sealed record ReferralStepRecorded(
    Guid CaseId,
    Guid OrganizationId,
    Guid ReferralId,
    Guid RecipientOrganizationId,
    string Step,
    string? Detail,
    IReadOnlyList<string>? SharedFields,
    Guid? RelatedReferralId,
    DateTimeOffset At,
    DateTimeOffset? ConsentExpiredAt = null);
