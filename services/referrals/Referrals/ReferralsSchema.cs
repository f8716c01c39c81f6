using Platform.ServiceDefaults;

namespace Referrals;

/// <summary>
/// The read models of consents and referrals, kept by <see cref="ReferralsProjection"/> in each
/// append's own transaction, so access checks see a change the moment it commits:
/// - <c>consents</c> and <c>referrals</c>: ids, vocabulary, times and flags only, nothing personal;
/// - <c>shared_views</c>: what a recipient sees of the referring case, exactly the consented fields,
///   one row per referral. The only table holding personal data: its row is deleted when the
///   consent ends (revoked, expired, or a person of the case erased), when the referral is turned
///   down, cancelled or re-routed, and when the share is erased, so a dump after that holds none of it.
/// </summary>
public static class ReferralsSchema
{
    public static readonly SchemaMigration Migration = new("referrals-0001-consents-referrals-shared-views", """
        create table consents (
            consent_id uuid primary key,
            organization_id uuid not null,
            case_id uuid not null,
            recipient_organization_id uuid not null,
            basis text not null,
            purpose text not null,
            scope text[] not null,
            expires_at timestamptz not null,
            ended_at timestamptz null,
            ended_how text null,
            recorded_at timestamptz not null,
            version bigint not null,
            updated_at timestamptz not null);
        create index consents_running on consents (expires_at) where ended_at is null;
        comment on table consents is
            'Consents and overrides to share case data: recipient, scope, expiry. No personal data.';

        create table referrals (
            position bigint generated always as identity,
            referral_id uuid primary key,
            case_id uuid not null,
            referring_organization_id uuid not null,
            recipient_organization_id uuid not null,
            service_id uuid not null,
            consent_id uuid not null,
            purpose text not null,
            status text not null,
            business_status text null,
            shared_fields text[] not null,
            respond_by timestamptz not null,
            overdue boolean not null default false,
            reroute_of uuid null,
            rerouted_to uuid null,
            access_ended boolean not null default false,
            data_erased boolean not null default false,
            requested_at timestamptz not null,
            version bigint not null,
            updated_at timestamptz not null);
        create unique index referrals_position on referrals (position);
        create index referrals_unanswered on referrals (respond_by) where status = 'requested' and not overdue and not access_ended;
        create index referrals_consent on referrals (consent_id);
        create index referrals_referrer on referrals (referring_organization_id, position);
        create index referrals_recipient on referrals (recipient_organization_id, position);
        comment on table referrals is
            'One row per referral: parties, FHIR Task status, deadline, links. Which fields were shared, never their values.';

        create table shared_views (
            referral_id uuid primary key references referrals (referral_id),
            consent_id uuid not null,
            recipient_organization_id uuid not null,
            fields jsonb not null,
            shared_at timestamptz not null);
        create index shared_views_consent on shared_views (consent_id);
        comment on table shared_views is
            'What a recipient sees of a referred case: only the consented fields, deleted when the consent ends.';
        """);

    /// <summary>The sweeper looks for referrals whose sealed copy is still to erase: few of them, whatever the number of referrals.</summary>
    public static readonly SchemaMigration HeldCopies = new("referrals-0003-referrals-holding-copies", """
        create index referrals_holding_copies on referrals (consent_id) where not data_erased;
        """);
}
