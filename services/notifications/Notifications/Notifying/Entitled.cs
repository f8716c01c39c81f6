namespace Notifications.Notifying;

/// <summary>
/// Who may learn of an event, one rule per kind of resource, all in this one place: a notification
/// goes to these organizations' feeds and endpoints and to no one else's.
/// </summary>
public static class Entitled
{
    /// <summary>A report's receiving organization only: the reporter chose it.</summary>
    public static IReadOnlyList<Guid> ReceivingOrganization(Guid organizationId) => [organizationId];

    /// <summary>A case's handling organization only (anyone else entitled to a case, an auditor say, reads it through the API, where that is checked and logged).</summary>
    public static IReadOnlyList<Guid> HandlingOrganization(Guid organizationId) => [organizationId];

    /// <summary>
    /// Both sides of a referral and no one else: the referring organization, told as the referrer, and the
    /// recipient organization, told only what referrals lets a recipient read. An organization referring to a
    /// service of its own is one side, the referrer (as referrals itself reads it). A recipient whose
    /// access had ended when the change was made is no longer a side: it reads the referral as any
    /// other organization does (404), so it is told nothing of it either.
    /// </summary>
    public static IReadOnlyList<(Guid Organization, ReferralSide Side)> BothSidesOf(
        Guid referringOrganizationId, Guid recipientOrganizationId, bool recipientHasAccess = true) =>
        referringOrganizationId == recipientOrganizationId || !recipientHasAccess
            ? [(referringOrganizationId, ReferralSide.Referrer)]
            : [(referringOrganizationId, ReferralSide.Referrer), (recipientOrganizationId, ReferralSide.Recipient)];
}

/// <summary>Which side of a referral an organization is on, and so what it may be told of it.</summary>
public enum ReferralSide
{
    Referrer,
    Recipient,
}
