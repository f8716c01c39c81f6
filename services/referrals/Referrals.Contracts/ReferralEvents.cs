namespace Referrals.Contracts;

// The integration events of a referral, published by the forwarder with message id = the stored
// event's id. They carry ids, vocabulary and times only: which fields were shared, never their
// values. Every event names both organizations and the referring case, so a consumer routes and
// authorizes without remembering the referral. Delivery is at least once and in no particular
// order: consumers key on ReferralId and dedupe by message id.

/// <summary>
/// <paramref name="ReferringOrganizationId"/> referred its case to <paramref name="RecipientOrganizationId"/>'s
/// service, sharing <paramref name="SharedFields"/> (shareable field names); <paramref name="RerouteOf"/> names
/// the referral this one re-routes.
/// </summary>
public sealed record ReferralRequested(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    Guid ServiceId,
    IReadOnlyList<string> SharedFields,
    DateTimeOffset RespondBy,
    Guid? RerouteOf,
    DateTimeOffset RequestedAt);

/// <summary>
/// The referral moved to <paramref name="Status"/> (an HL7 FHIR Task status: accepted, rejected,
/// in-progress, on-hold, completed, failed, cancelled); <paramref name="BusinessStatus"/> is the
/// finer reason or outcome, from a closed vocabulary. <paramref name="RecipientHasAccess"/> is false
/// when the change came after the recipient's access ended (the referrer cancelling, say): the
/// recipient is not to be told of it.
/// </summary>
public sealed record ReferralStatusChanged(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    string Status,
    string? BusinessStatus,
    DateTimeOffset ChangedAt,
    bool RecipientHasAccess = true);

/// <summary>The recipient did not answer by <paramref name="RespondBy"/>.</summary>
public sealed record ReferralOverdue(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    DateTimeOffset RespondBy,
    DateTimeOffset MarkedAt);

/// <summary>
/// The referrer re-routed the referral to another service: <paramref name="NewReferralId"/> carries it
/// on. <paramref name="RecipientHasAccess"/> as for <see cref="ReferralStatusChanged"/>.
/// </summary>
public sealed record ReferralRerouted(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    Guid NewReferralId,
    DateTimeOffset ReroutedAt,
    bool RecipientHasAccess = true);

/// <summary>
/// The recipient lost access to the shared data (<paramref name="Reason"/>: <c>consent-revoked</c>,
/// <c>consent-expired</c>, or <c>case-data-erased</c> when a data subject of the case was erased).
/// <paramref name="ConsentExpiredAt"/> is when the consent expired, for an ending by expiry (recorded
/// by a sweep at <paramref name="EndedAt"/>, possibly later); null otherwise.
/// </summary>
public sealed record ReferralAccessEnded(
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    string Reason,
    DateTimeOffset? ConsentExpiredAt,
    DateTimeOffset EndedAt);
