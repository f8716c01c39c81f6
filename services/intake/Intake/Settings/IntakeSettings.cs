using Dapper;
using Intake.Triage;
using Npgsql;

namespace Intake.Settings;

/// <summary>
/// What a receiving organization decides for itself: its acknowledgement deadlines and whether it
/// takes reports on the anonymous public route. Off until the organization turns it on, because a
/// report sent to an organization that does not watch for them would be a report lost.
/// </summary>
public sealed record IntakeSettings(AcknowledgementPolicy Acknowledgement, bool AcceptsAnonymousReports)
{
    public static readonly IntakeSettings Default = new(AcknowledgementPolicy.Default, AcceptsAnonymousReports: false);

    public static async Task<IntakeSettings> ForAsync(NpgsqlDataSource dataSource, Guid organizationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(TimeSpan Normal, TimeSpan Urgent, bool Anonymous)?>(new CommandDefinition(
            "select acknowledge_normal, acknowledge_urgent, accepts_anonymous_reports from intake_settings where organization_id = @organizationId",
            new { organizationId }, cancellationToken: cancellationToken));
        return row is { } found ? new(new AcknowledgementPolicy(found.Normal, found.Urgent), found.Anonymous) : Default;
    }

    public async Task SaveAsync(NpgsqlDataSource dataSource, Guid organizationId, string updatedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into intake_settings (organization_id, acknowledge_normal, acknowledge_urgent, accepts_anonymous_reports, updated_at, updated_by)
            values (@organizationId, @normal, @urgent, @anonymous, @now, @updatedBy)
            on conflict (organization_id) do update set acknowledge_normal = excluded.acknowledge_normal,
                acknowledge_urgent = excluded.acknowledge_urgent, accepts_anonymous_reports = excluded.accepts_anonymous_reports,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new { organizationId, normal = Acknowledgement.Normal, urgent = Acknowledgement.Urgent, anonymous = AcceptsAnonymousReports, now, updatedBy },
            cancellationToken: cancellationToken));
    }
}
