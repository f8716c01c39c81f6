using Platform.ServiceDefaults;

namespace Intake;

/// <summary>
/// Intake's own tables beside the event store's. None holds personal data in clear: read models keep
/// ids, vocabulary and times; secrets are kept as digests or slow hashes; idempotent responses are
/// sealed with a key only the client holds (see Idempotency/).
/// </summary>
public static class IntakeSchema
{
    public static IHostApplicationBuilder AddIntakeSchema(this IHostApplicationBuilder builder) =>
        builder.AddSchemaMigration("intake-0001-read-models", """
            -- Inline projection of every report (Listing/ReportSummaries.cs): what lists, filters and the organization check need.
            create table report_summaries (
                report_id uuid primary key,
                receiving_organization_id uuid not null,
                submitting_organization_id uuid,
                mode text not null,
                kind text not null,
                setting text not null,
                status text not null,
                priority text,
                acknowledge_by timestamptz,
                submitted_at timestamptz not null,
                withdrawn_at timestamptz,
                message_count integer not null default 0,
                last_message_at timestamptz,
                version bigint not null);
            create index report_summaries_listing on report_summaries (receiving_organization_id, submitted_at desc, report_id desc);

            -- Keyed digests of partners' references to alleged perpetrators, for the repeat-perpetrator triage rule.
            create table perpetrator_references (
                organization_id uuid not null,
                reference_digest bytea not null,
                report_id uuid not null,
                person_id uuid not null,
                primary key (organization_id, reference_digest, report_id, person_id));
            create index perpetrator_references_person on perpetrator_references (person_id);

            -- Inline projection of AnonymousAccessGranted: the report a key's digest opens, and the passphrase's slow hash.
            create table anonymous_access (
                key_digest text primary key,
                report_id uuid not null unique,
                passphrase jsonb not null);

            -- One row per key digest anyone tried, known or not (AnonymousAccess/AccessAttempts.cs says why).
            create table anonymous_access_attempts (
                key_digest text primary key,
                failures integer not null,
                first_failure_at timestamptz,
                last_failure_at timestamptz,
                lockouts integer not null,
                locked_until timestamptz,
                touched_at timestamptz not null);
            create index anonymous_access_attempts_touched on anonymous_access_attempts (touched_at);

            -- Short sessions after a passphrase check, so follow-ups do not re-run the slow hash: digests only.
            create table anonymous_sessions (
                token_digest bytea primary key,
                report_id uuid not null,
                expires_at timestamptz not null);
            create index anonymous_sessions_expiry on anonymous_sessions (expires_at);

            create table idempotent_requests (
                key_digest bytea primary key,
                fingerprint bytea not null,
                completed boolean not null default false,
                lease_until timestamptz not null,
                sealed_response bytea,
                created_at timestamptz not null);
            create index idempotent_requests_created on idempotent_requests (created_at);

            -- Each receiving organization's own settings (Settings/); an organization without a row gets the defaults.
            create table intake_settings (
                organization_id uuid primary key,
                acknowledge_normal interval not null,
                acknowledge_urgent interval not null,
                accepts_anonymous_reports boolean not null,
                updated_at timestamptz not null,
                updated_by text not null);
            """)
        // Who holds a key: a request whose lease ran out and was taken over must not complete or release it.
        .AddSchemaMigration("intake-0002-idempotency-claims", "alter table idempotent_requests add column claim uuid");
}
