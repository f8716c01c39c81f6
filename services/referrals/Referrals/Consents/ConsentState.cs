using Referrals.Sharing;

namespace Referrals.Consents;

public enum ConsentStatus
{
    None,
    Active,
    Revoked,
    Expired,

    /// <summary>Ended because a data subject of the case was erased.</summary>
    Erased,
}

/// <summary>What decisions need to know of a consent (or override), folded from its stream.</summary>
public sealed record ConsentState(
    Guid Id,
    Guid OrganizationId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    ConsentStatus Status,
    bool IsOverride,
    IReadOnlyList<ShareableField> Scope,
    DateTimeOffset ExpiresAt)
{
    public static readonly ConsentState Initial = new(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, ReferralPurpose.LegalAid, ConsentStatus.None, false, [], DateTimeOffset.MinValue);

    public static ConsentState Evolve(ConsentState state, object @event) => @event switch
    {
        ConsentGranted e => new(e.ConsentId, e.OrganizationId, e.CaseId, e.RecipientOrganizationId, e.Purpose, ConsentStatus.Active, false, e.Scope, e.ExpiresAt),
        SharingOverrideRecorded e => new(e.ConsentId, e.OrganizationId, e.CaseId, e.RecipientOrganizationId, e.Purpose, ConsentStatus.Active, true, e.Scope, e.ExpiresAt),
        ConsentRevoked => state with { Status = ConsentStatus.Revoked },
        ConsentExpired => state with { Status = ConsentStatus.Expired },
        ConsentEndedByErasure => state with { Status = ConsentStatus.Erased },
        _ => state,
    };

    public static ConsentState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// Whether the consent lets data be shared at <paramref name="now"/>. Expiry is read from the
    /// time, not from whether <see cref="ConsentExpired"/> was recorded yet: a consent never outlives
    /// its expiry because a sweeper ran late.
    /// </summary>
    public bool IsActiveAt(DateTimeOffset now) => Status == ConsentStatus.Active && now < ExpiresAt;

    /// <summary>Why the consent no longer allows sharing at <paramref name="now"/>, or null while it does.</summary>
    public string? WhyInactiveAt(DateTimeOffset now) => Status switch
    {
        ConsentStatus.None => "There is no such consent.",
        ConsentStatus.Revoked => "The consent was revoked: nothing more may be shared under it.",
        ConsentStatus.Expired => "The consent has expired: record a new one to share again.",
        ConsentStatus.Erased => "The consent ended when a person's data in the case was erased: nothing more may be shared under it.",
        _ when now >= ExpiresAt => "The consent has expired: record a new one to share again.",
        _ => null,
    };
}
