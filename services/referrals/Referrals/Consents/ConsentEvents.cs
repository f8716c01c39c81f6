using System.Text.Json.Serialization;
using Platform.EventStore.Privacy;
using Referrals.Sharing;

namespace Referrals.Consents;

// The schema of a consent's stream (stream id: "consent-{ConsentId}", see ConsentStreams). A
// consent, or an override in its place, is what lets a case's data leave its organization: it
// names the recipient organization, the purpose, the data scope (shareable fields) and an expiry.
// Nothing in it is personal but an override's legal basis: the affected person's agreement is
// recorded by the referring organization, which holds the case, but a legal basis is free text a
// handler may fill with a court order naming people, so it is sealed under the consent as its own
// data subject (the append-only log could never forget it otherwise). Every event names the
// recording organization and the case.

/// <summary>The affected person agreed that <paramref name="RecipientOrganizationId"/> may receive <paramref name="Scope"/> for <paramref name="Purpose"/> until <paramref name="ExpiresAt"/>.</summary>
public sealed record ConsentGranted(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> Scope,
    DateTimeOffset ExpiresAt,
    string GrantedBy,
    DateTimeOffset GrantedAt);

/// <summary>
/// Sharing without consent, on a documented ground (<paramref name="Ground"/>) and the law that
/// allows it (<paramref name="LegalBasis"/>): recorded as its own event, so an auditor tells it apart
/// from consent at a glance. It is bounded like a consent: a recipient, a scope and an expiry.
/// </summary>
public sealed record SharingOverrideRecorded(
    [property: DataSubject] Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> Scope,
    OverrideGround Ground,
    [property: PersonalData] string LegalBasis,
    DateTimeOffset ExpiresAt,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The affected person withdrew their consent (or the organization withdrew its override).</summary>
public sealed record ConsentRevoked(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    string RevokedBy,
    DateTimeOffset RevokedAt);

/// <summary>The consent reached its expiry; recorded by the sweeper, but enforced from <c>ExpiresAt</c> on, whenever this is recorded.</summary>
public sealed record ConsentExpired(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset RecordedAt);

/// <summary>
/// A data subject of the consent's case (<paramref name="SubjectId"/>, cases' id for the affected
/// person or the respondent) was erased in cases: nothing of the case may stay shared, so the consent
/// ends, whatever time it had left. The shared copies go with it (see EndSharingOnCaseSubjectErased).
/// </summary>
public sealed record ConsentEndedByErasure(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    Guid SubjectId,
    DateTimeOffset EndedAt);

/// <summary>What a referral is for: the directory's taxonomy of help in this field.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralPurpose>))]
public enum ReferralPurpose
{
    [JsonStringEnumMemberName("legal-aid")] LegalAid,
    [JsonStringEnumMemberName("counselling")] Counselling,
    [JsonStringEnumMemberName("shelter")] Shelter,
    [JsonStringEnumMemberName("medical")] Medical,
    [JsonStringEnumMemberName("law-enforcement")] LawEnforcement,
    [JsonStringEnumMemberName("investigation")] Investigation,
    [JsonStringEnumMemberName("advocacy")] Advocacy,
    [JsonStringEnumMemberName("helpline")] Helpline,
}

/// <summary>The grounds on which data may be shared without consent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OverrideGround>))]
public enum OverrideGround
{
    /// <summary>A serious and imminent risk to someone's life or safety.</summary>
    [JsonStringEnumMemberName("risk-to-life")] RiskToLife,

    /// <summary>A child at risk, under child-protection law.</summary>
    [JsonStringEnumMemberName("child-protection")] ChildProtection,

    /// <summary>A court order or a statutory duty to disclose.</summary>
    [JsonStringEnumMemberName("legal-obligation")] LegalObligation,
}
