using Platform.ServiceDefaults;

namespace Cases.Handling.Reading;

/// <summary>
/// The case list: one row per case, kept by <see cref="CaseListProjection"/> in each append's own
/// transaction, so a case is listed the moment its change commits. Ids, vocabulary, times and
/// flags only: nothing personal, so nothing here is lost to an erasure or leaks in a dump.
/// <c>position</c> is the cursor (case ids of reports are name-based, not time-ordered).
/// </summary>
public static class CaseListSchema
{
    public static readonly SchemaMigration Migration = new("cases-0001-case-list", """
        create table case_list (
            position bigint generated always as identity,
            case_id uuid primary key,
            organization_id uuid not null,
            report_id uuid null,
            kind text not null,
            setting text not null,
            status text not null,
            priority text null,
            acknowledge_by timestamptz null,
            acknowledged_at timestamptz null,
            acknowledged_late boolean not null default false,
            worker_id uuid null,
            risk_level text null,
            investigation text not null default 'none',
            escalated boolean not null default false,
            outcome text null,
            opened_at timestamptz not null,
            closed_at timestamptz null,
            version bigint not null,
            updated_at timestamptz not null);
        create unique index case_list_position on case_list (position);
        create index case_list_organization on case_list (organization_id, position desc);
        comment on table case_list is
            'One row per case for lists and filters: no personal data (notes, plans, findings stay sealed in the events).';
        """);
}
