using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Referrals.KnownCases;

/// <summary>
/// Which organization each case was opened in, as cases announced it (<c>Cases.Contracts.CaseOpened</c>,
/// recorded by <see cref="RecordCaseOnCaseOpened"/>): services never call each other, so this is how
/// referrals knows that a consent, an override or a referral names one of the caller's own cases.
/// A case never changes organization, so the first announcement is the only one kept.
/// </summary>
public static class CaseOrganizations
{
    public static readonly SchemaMigration Migration = new("referrals-0002-case-organizations", """
        create table case_organizations (
            case_id uuid primary key,
            organization_id uuid not null,
            opened_at timestamptz not null,
            recorded_at timestamptz not null default now());
        comment on table case_organizations is
            'The organization each case was opened in, from cases'' case-opened events: consents and referrals name only their own organization''s cases. Ids and times only.';
        """);

    /// <summary>Records the case's organization once: a redelivered or repeated announcement changes nothing.</summary>
    public static async Task RecordAsync(NpgsqlDataSource database, Guid caseId, Guid organizationId, DateTimeOffset openedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand("""
            insert into case_organizations (case_id, organization_id, opened_at) values ($1, $2, $3)
            on conflict (case_id) do nothing
            """);
        command.Parameters.Add(new() { Value = caseId });
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = openedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Refuses (422) a case that was not opened in the caller's organization. Unknown and another
    /// organization's cases get the same answer after the same wait, so it tells a stranger nothing
    /// (as a consent of another organization is answered). A case opened a moment ago may not have
    /// reached referrals yet (cases announces it over the broker, usually within milliseconds): the
    /// check waits for it up to <see cref="ReferralsOptions.CaseArrivalWait"/> before refusing, and the
    /// refusal says to retry.
    /// </summary>
    public static async Task EnsureOwnAsync(HttpContext http, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var database = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var wait = http.RequestServices.GetRequiredService<IOptions<ReferralsOptions>>().Value.CaseArrivalWait;
        var organizationId = Changes.OrganizationOf(http.GetCaller());
        var started = TimeProvider.System.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(20);
        // Another organization's case is waited on too: answering it sooner would tell that it exists.
        while (await OrganizationOfAsync(database, caseId, http.RequestAborted) != organizationId)
        {
            var left = wait - TimeProvider.System.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                    $"Referrals knows no case '{caseId}' of this organization. A case opened in the last few seconds may not have reached referrals yet: "
                    + "retry shortly. Otherwise name one of your organization's own cases.");
            }
            await Task.Delay(delay < left ? delay : left, http.RequestAborted);
            delay = Backoff.Next(delay, TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task<Guid?> OrganizationOfAsync(NpgsqlDataSource database, Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select organization_id from case_organizations where case_id = $1");
        command.Parameters.Add(new() { Value = caseId });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }
}
