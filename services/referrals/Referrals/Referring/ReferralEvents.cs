using Referrals.Consents;
using Referrals.Sharing;

namespace Referrals.Referring;

// The schema of a referral's stream (stream id: "referral-{ReferralId}", see ReferralStreams), one
// stream per referral, moving through the states of an HL7 FHIR Task. Whose personal data is whose:
// only the shared case data is personal, sealed under the referral's own share (SharedCaseData), so
// ending the consent erases exactly this copy. Reasons and outcomes are closed vocabularies, never
// free text, so nothing here describes a person. Every event names both parties and the case, so
// read models and contracts need no lookup.

/// <summary>The case and the two organizations of a referral.</summary>
public sealed record ReferralParties(Guid CaseId, Guid ReferringOrganizationId, Guid RecipientOrganizationId);

/// <summary>
/// The referrer asked <see cref="ReferralParties.RecipientOrganizationId"/>'s service for help, under
/// <paramref name="ConsentId"/>. <paramref name="SharedFields"/> records exactly which fields left
/// the organization; <paramref name="SharedData"/> is their sealed copy.
/// </summary>
public sealed record ReferralRequested(
    Guid ReferralId,
    ReferralParties Parties,
    Guid ServiceId,
    Guid ConsentId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> SharedFields,
    SharedCaseData SharedData,
    DateTimeOffset RespondBy,
    Guid? RerouteOf,
    string RequestedBy,
    DateTimeOffset RequestedAt);

public sealed record ReferralAccepted(Guid ReferralId, ReferralParties Parties, string AcceptedBy, DateTimeOffset AcceptedAt);

public sealed record ReferralRejected(Guid ReferralId, ReferralParties Parties, ResponseReason Reason, string RejectedBy, DateTimeOffset RejectedAt);

/// <summary>The recipient started working on it (FHIR <c>in-progress</c>), first or again after a hold.</summary>
public sealed record ReferralStarted(Guid ReferralId, ReferralParties Parties, string StartedBy, DateTimeOffset StartedAt);

public sealed record ReferralPutOnHold(Guid ReferralId, ReferralParties Parties, ResponseReason Reason, string HeldBy, DateTimeOffset HeldAt);

public sealed record ReferralCompleted(Guid ReferralId, ReferralParties Parties, ReferralOutcome Outcome, string CompletedBy, DateTimeOffset CompletedAt);

public sealed record ReferralFailed(Guid ReferralId, ReferralParties Parties, ResponseReason Reason, string FailedBy, DateTimeOffset FailedAt);

/// <summary>
/// The referrer withdrew the referral. <paramref name="RecipientHasAccess"/> is false when the
/// recipient's access had already ended: it is not told of a referral it can no longer read (events
/// stored before it was recorded read as true, which is what their recipients were told).
/// </summary>
public sealed record ReferralCancelled(
    Guid ReferralId, ReferralParties Parties, ResponseReason? Reason, string CancelledBy, DateTimeOffset CancelledAt, bool RecipientHasAccess = true);

/// <summary>The recipient did not answer by <paramref name="RespondBy"/>; the referral stays requested, and may be re-routed.</summary>
public sealed record ReferralOverdue(Guid ReferralId, ReferralParties Parties, DateTimeOffset RespondBy, DateTimeOffset MarkedAt);

/// <summary>
/// The referrer sent this referral on to another service as <paramref name="NewReferralId"/> (which
/// records the link back). <paramref name="RecipientHasAccess"/> as for <see cref="ReferralCancelled"/>.
/// </summary>
public sealed record ReferralRerouted(
    Guid ReferralId, ReferralParties Parties, Guid NewReferralId, string ReroutedBy, DateTimeOffset ReroutedAt, bool RecipientHasAccess = true);

/// <summary>
/// The consent the data was shared under ended (revoked, expired, or ended because the case's data
/// was erased): the recipient loses access and the shared copy is erased. <paramref name="ConsentExpiredAt"/>
/// is the consent's expiry when that is why it ended (the sweeper may record it later), else null.
/// </summary>
public sealed record ReferralAccessEnded(
    Guid ReferralId, ReferralParties Parties, Guid ConsentId, AccessEndReason Reason, DateTimeOffset? ConsentExpiredAt, DateTimeOffset EndedAt);
