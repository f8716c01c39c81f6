using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Messaging;
using Referrals.Contracts;

namespace Notifications.Notifying;

/// <summary>
/// Referrals' integration events as notifications to both sides of the referral and no one else
/// (<see cref="Entitled.BothSidesOf"/>), one pure function per contract. Each side gets a notification of
/// its own because what each may be told differs: the referrer's carries its case id and the re-route
/// links; the recipient's carries neither, just as referrals leaves them out of the recipient's view (the
/// case is the referrer's record, and a link would tell a new recipient the person was sent elsewhere
/// first). The subject is the referral: both sides read it at the same URL, each seeing its own view.
/// </summary>
public static class ReferralNotifications
{
    private const string Source = "/api/referrals";

    public static IReadOnlyList<Notification> Of(ReferralRequested message, Guid messageId) =>
        BothSides(messageId, NotificationTypes.ReferralRequested, new(message.ReferralId, message.CaseId, message.ReferringOrganizationId, message.RecipientOrganizationId),
            message.RequestedAt, new { message.ServiceId, message.SharedFields, message.RespondBy, message.RequestedAt }, referrerOnly: new { message.RerouteOf });

    /// <summary>The status and business status are FHIR Task codes and a closed vocabulary, as sent.</summary>
    public static IReadOnlyList<Notification> Of(ReferralStatusChanged message, Guid messageId) =>
        BothSides(messageId, StatusType(message.Status), new(message.ReferralId, message.CaseId, message.ReferringOrganizationId, message.RecipientOrganizationId),
            message.ChangedAt, new { message.Status, message.BusinessStatus, message.ChangedAt }, recipientHasAccess: message.RecipientHasAccess);

    public static IReadOnlyList<Notification> Of(ReferralOverdue message, Guid messageId) =>
        BothSides(messageId, NotificationTypes.ReferralOverdue, new(message.ReferralId, message.CaseId, message.ReferringOrganizationId, message.RecipientOrganizationId),
            message.MarkedAt, new { message.RespondBy, message.MarkedAt });

    /// <summary>The recipient learns its referral went elsewhere (its view says re-routed), never where: the new referral is the referrer's link.</summary>
    public static IReadOnlyList<Notification> Of(ReferralRerouted message, Guid messageId) =>
        BothSides(messageId, NotificationTypes.ReferralRerouted, new(message.ReferralId, message.CaseId, message.ReferringOrganizationId, message.RecipientOrganizationId),
            message.ReroutedAt, new { message.ReroutedAt }, referrerOnly: new { message.NewReferralId }, recipientHasAccess: message.RecipientHasAccess);

    /// <summary>From this moment the recipient's read of the subject answers 404, like any other organization's.</summary>
    public static IReadOnlyList<Notification> Of(ReferralAccessEnded message, Guid messageId) =>
        BothSides(messageId, NotificationTypes.ReferralAccessEnded, new(message.ReferralId, message.CaseId, message.ReferringOrganizationId, message.RecipientOrganizationId),
            message.EndedAt, new { message.Reason, message.ConsentExpiredAt, message.EndedAt });

    /// <summary>
    /// A status change's type: one per FHIR Task status referrals publishes, and a general one for a status
    /// this version does not know yet, so that it is still told (its data says which) rather than refused.
    /// </summary>
    public static string StatusType(string status) => status switch
    {
        "accepted" => NotificationTypes.ReferralAccepted,
        "rejected" => NotificationTypes.ReferralRejected,
        "in-progress" => NotificationTypes.ReferralInProgress,
        "on-hold" => NotificationTypes.ReferralOnHold,
        "completed" => NotificationTypes.ReferralCompleted,
        "failed" => NotificationTypes.ReferralFailed,
        "cancelled" => NotificationTypes.ReferralCancelled,
        _ => NotificationTypes.ReferralStatusChanged,
    };

    /// <summary>
    /// The id of the recipient's notification of a message: the referrer's is the message id, so the recipient's
    /// is derived from it, the same on every redelivery.
    /// </summary>
    public static Guid RecipientNotificationId(Guid messageId) => DerivedMessageId.Of(messageId, "referrals:recipient");

    private static IReadOnlyList<Notification> BothSides(
        Guid messageId, string type, ReferralParties referral, DateTimeOffset time, object data, object? referrerOnly = null,
        bool recipientHasAccess = true) =>
        [.. Entitled.BothSidesOf(referral.ReferringOrganizationId, referral.RecipientOrganizationId, recipientHasAccess).Select(party => new Notification(
            party.Side == ReferralSide.Referrer ? messageId : RecipientNotificationId(messageId), type, Source, $"/api/referrals/{referral.ReferralId}", time,
            Urgent: false, [party.Organization], DataFor(party.Side, referral, data, referrerOnly)))];

    // What a side may read: the referral's ids and the event's own fields, and for the referrer alone its case and
    // the re-route links (left out of the recipient's data altogether, as they are of its view of the referral).
    private static JsonObject DataFor(ReferralSide side, ReferralParties referral, object data, object? referrerOnly)
    {
        var json = new JsonObject { ["referralId"] = referral.ReferralId };
        if (side == ReferralSide.Referrer)
        {
            json["caseId"] = referral.CaseId;
        }
        json["referringOrganizationId"] = referral.ReferringOrganizationId;
        json["recipientOrganizationId"] = referral.RecipientOrganizationId;
        Add(json, data);
        if (side == ReferralSide.Referrer && referrerOnly is not null)
        {
            Add(json, referrerOnly);
        }
        return json;
    }

    private static void Add(JsonObject json, object fields)
    {
        foreach (var (name, value) in JsonSerializer.SerializeToNode(fields, Notification.DataJson)!.AsObject())
        {
            json[name] = value?.DeepClone();
        }
    }

    /// <summary>The ids every referral event carries: the referral, the referrer's case and both organizations.</summary>
    private readonly record struct ReferralParties(Guid ReferralId, Guid CaseId, Guid ReferringOrganizationId, Guid RecipientOrganizationId);
}
