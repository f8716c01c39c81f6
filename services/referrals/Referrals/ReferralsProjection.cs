using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Referrals.Consents;
using Referrals.Referring;
using Referrals.Sharing;

namespace Referrals;

/// <summary>
/// Keeps <see cref="ReferralsSchema"/>'s tables in the append's transaction. The shared view is
/// written from the plain shared data of the appended event and deleted by whatever ends the
/// recipient's need or right to it, in the same transaction as the event that ends it.
/// </summary>
public sealed class ReferralsProjection : IInlineProjection
{
    public bool AppliesTo(string eventType) =>
        eventType.StartsWith("referrals.", StringComparison.Ordinal) || eventType == SubjectErased.TypeName;

    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var appending in events)
        {
            foreach (var (sql, values) in Changes(appending))
            {
                yield return ProjectionStatement.Of(sql, [IdOf(appending), appending.StreamVersion, .. values]);
            }
        }
    }

    private static Guid IdOf(AppendingEvent appending) =>
        appending.StreamId.StartsWith(ConsentStreams.Prefix, StringComparison.Ordinal)
            ? Guid.Parse(appending.StreamId.AsSpan(ConsentStreams.Prefix.Length))
            : Guid.Parse(appending.StreamId.AsSpan(ReferralStreams.Prefix.Length));

    // Every event moves its consent's or referral's row to the stream's version, recorded now().
    private const string Touch = "version = $2, updated_at = now()";
    private const string DropShare = "delete from shared_views where referral_id = $1";

    private static string[] Names<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum => [.. values.Select(WireName.Of)];

    // $1 the stream's consent or referral id, $2 version, then the event's own values; the recorded time is now().
    private static (string Sql, object?[] Values)[] Changes(AppendingEvent appending) => appending.Data switch
    {
        ConsentGranted e => [(InsertConsent, ["consent", WireName.Of(e.Purpose), Names(e.Scope), e.ExpiresAt, e.OrganizationId, e.CaseId, e.RecipientOrganizationId])],
        SharingOverrideRecorded e => [(InsertConsent, [WireName.Of(e.Ground), WireName.Of(e.Purpose), Names(e.Scope), e.ExpiresAt, e.OrganizationId, e.CaseId, e.RecipientOrganizationId])],
        ConsentRevoked e => EndConsent("revoked", e.RevokedAt),
        ConsentExpired e => EndConsent("expired", e.ExpiresAt),
        ConsentEndedByErasure e => EndConsent("erased", e.EndedAt),
        ReferralRequested e =>
        [
            ($"""
             insert into referrals (referral_id, version, updated_at, case_id, referring_organization_id, recipient_organization_id, service_id,
                 consent_id, purpose, status, shared_fields, respond_by, reroute_of, requested_at)
             values ($1, $2, now(), $3, $4, $5, $6, $7, $8, 'requested', $9, $10, $11, $12)
             on conflict (referral_id) do nothing
             """, [e.Parties.CaseId, e.Parties.ReferringOrganizationId, e.Parties.RecipientOrganizationId, e.ServiceId, e.ConsentId,
                WireName.Of(e.Purpose), Names(e.SharedFields), e.RespondBy, e.RerouteOf, e.RequestedAt]),
            ("""
             insert into shared_views (referral_id, consent_id, recipient_organization_id, fields, shared_at)
             values ($1, $3, $4, $5, $6)
             on conflict (referral_id) do nothing
             """, [e.ConsentId, e.Parties.RecipientOrganizationId, new NpgsqlParameter { Value = FieldsJson(e.SharedData), NpgsqlDbType = NpgsqlDbType.Jsonb }, e.RequestedAt]),
        ],
        ReferralAccepted => [Status(ReferralStatus.Accepted, null)],
        ReferralRejected e => [Status(ReferralStatus.Rejected, WireName.Of(e.Reason)), (DropShare, [])],
        ReferralStarted => [Status(ReferralStatus.InProgress, null)],
        ReferralPutOnHold e => [Status(ReferralStatus.OnHold, WireName.Of(e.Reason))],
        ReferralCompleted e => [Status(ReferralStatus.Completed, WireName.Of(e.Outcome))],
        ReferralFailed e => [Status(ReferralStatus.Failed, WireName.Of(e.Reason))],
        ReferralCancelled e => [Status(ReferralStatus.Cancelled, e.Reason is { } reason ? WireName.Of(reason) : null), (DropShare, [])],
        ReferralOverdue => [($"update referrals set {Touch}, overdue = true where referral_id = $1", [])],
        ReferralRerouted e =>
        [
            ($"""
             update referrals set {Touch}, rerouted_to = $3,
                 status = case when status = 'requested' then 'cancelled' else status end,
                 business_status = case when status = 'requested' then 're-routed' else business_status end
             where referral_id = $1
             """, [e.NewReferralId]),
            (DropShare, []),
        ],
        ReferralAccessEnded => [($"update referrals set {Touch}, access_ended = true where referral_id = $1", []), (DropShare, [])],
        SubjectErased when appending.StreamId.StartsWith(ReferralStreams.Prefix, StringComparison.Ordinal) =>
            [($"update referrals set {Touch}, data_erased = true where referral_id = $1", []), (DropShare, [])],
        _ => [],
    };

    private const string InsertConsent = """
        insert into consents (consent_id, version, updated_at, basis, purpose, scope, expires_at, organization_id, case_id, recipient_organization_id, recorded_at)
        values ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9, now())
        on conflict (consent_id) do nothing
        """;

    private static (string, object?[])[] EndConsent(string how, DateTimeOffset endedAt) =>
    [
        ($"update consents set {Touch}, ended_at = $3, ended_how = $4 where consent_id = $1", [endedAt, how]),
        // The recipient's copy goes with the consent, in the same transaction.
        ("delete from shared_views where consent_id = $1", []),
    ];

    private static (string, object?[]) Status(ReferralStatus status, string? businessStatus) =>
        ($"update referrals set {Touch}, status = $3, business_status = $4 where referral_id = $1", [WireName.Of(status), businessStatus]);

    private static string FieldsJson(SharedCaseData data) =>
        JsonSerializer.Serialize(data.HeldFields().ToDictionary(WireName.Of, field => data.ValueOf(field)));
}
