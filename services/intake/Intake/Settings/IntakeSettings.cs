using Dapper;
using Intake.Triage;
using Npgsql;
using NpgsqlTypes;

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
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Query(organizationId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>The settings of <paramref name="organizationId"/>, for a batch with other lookups.</summary>
    public static NpgsqlBatchCommand Query(Guid organizationId) => new(
        "select acknowledge_normal, acknowledge_urgent, accepts_anonymous_reports from intake_settings where organization_id = $1")
    {
        Parameters = { new() { Value = organizationId, NpgsqlDbType = NpgsqlDbType.Uuid } },
    };

    /// <summary>The settings from the result of <see cref="Query"/>, which <paramref name="reader"/> is at; the defaults when there is no row.</summary>
    public static async Task<IntakeSettings> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return await reader.ReadAsync(cancellationToken)
            ? new(new AcknowledgementPolicy(reader.GetFieldValue<TimeSpan>(0), reader.GetFieldValue<TimeSpan>(1)), reader.GetBoolean(2))
            : Default;
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
