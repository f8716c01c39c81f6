using Dapper;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Intake.Reports.Listing;

/// <summary>
/// The <c>report_summaries</c> row of each report, kept in the append's transaction: a report is
/// listed, and its organization known to the access check, the moment its submission is answered.
/// Ids, vocabulary and times only; nothing personal, so erasure never has to touch it.
/// </summary>
public sealed class ReportSummaries : IInlineProjection
{
    // Every event of a report moves its version (the ETag), so every event applies.
    public bool AppliesTo(string eventType) => true;

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var recorded in events)
        {
            var (sql, parameters) = recorded.Data switch
            {
                ReportSubmitted e => ("""
                    insert into report_summaries (report_id, receiving_organization_id, submitting_organization_id, mode, kind, setting,
                        status, submitted_at, version)
                    values (@ReportId, @ReceivingOrganizationId, @SubmittingOrganizationId, @Mode, @Kind, @Setting, 'submitted', @SubmittedAt, @Version)
                    """, (object)new
                {
                    e.ReportId,
                    e.ReceivingOrganizationId,
                    e.SubmittingOrganizationId,
                    Mode = WireNames.Of(e.Mode),
                    Kind = WireNames.Of(e.Kind),
                    Setting = WireNames.Of(e.Setting),
                    e.SubmittedAt,
                    Version = recorded.StreamVersion,
                }),
                ReportTriaged e => (
                    "update report_summaries set priority = @Priority, acknowledge_by = @AcknowledgeBy, version = @Version where report_id = @ReportId",
                    new { e.ReportId, Priority = WireNames.Of(e.Priority), e.AcknowledgeBy, Version = recorded.StreamVersion }),
                ReportWithdrawn e => (
                    "update report_summaries set status = 'withdrawn', withdrawn_at = @WithdrawnAt, version = @Version where report_id = @ReportId",
                    new { e.ReportId, e.WithdrawnAt, Version = recorded.StreamVersion }),
                MessagePosted e => ("""
                    update report_summaries set message_count = message_count + 1, last_message_at = @PostedAt, version = @Version
                    where report_id = @ReportId
                    """, new { e.ReportId, e.PostedAt, Version = recorded.StreamVersion }),
                _ => ("update report_summaries set version = greatest(version, @Version) where report_id = @ReportId",
                    (object)new { ReportId = ReportIdOf(recorded.StreamId), Version = recorded.StreamVersion }),
            };
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        }
    }

    private static Guid ReportIdOf(string streamId) => Guid.Parse(streamId.AsSpan("report-".Length));
}
