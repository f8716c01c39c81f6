using Intake.Triage;
using Npgsql;
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

    /// <summary>
    /// One statement per change, not per event: the events of one report that arrive together (a
    /// submission comes with its triage and anonymous access, in one append) fold into the row they
    /// leave, and every statement sets the version the last of them reached.
    /// </summary>
    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Inline projections see one append, and an append is one stream.
        var version = events[^1].StreamVersion;
        var submitted = events[0].Data as ReportSubmitted;
        var triage = TriageDecision.Latest(events.Select(appending => appending.Data));
        var lastTriaged = events.Select(appending => appending.Data).OfType<ReportTriaged>().LastOrDefault();
        var changed = false;
        foreach (var appending in events)
        {
            var change = appending.Data switch
            {
                ReportSubmitted e => ProjectionStatement.Of("""
                    insert into report_summaries (report_id, receiving_organization_id, submitting_organization_id, mode, kind, setting,
                        status, submitted_at, priority, acknowledge_by, version)
                    values ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $10)
                    """,
                    e.ReportId, e.ReceivingOrganizationId, e.SubmittingOrganizationId, WireNames.Of(e.Mode), WireNames.Of(e.Kind),
                    WireNames.Of(e.Setting), e.SubmittedAt, triage is null ? null : WireNames.Of(triage.Priority), triage?.AcknowledgeBy, version),
                // Folded into the insert above.
                ReportTriaged when submitted is not null => null,
                ReportTriaged e when e == lastTriaged => ProjectionStatement.Of(
                    "update report_summaries set priority = $2, acknowledge_by = $3, version = $4 where report_id = $1",
                    e.ReportId, WireNames.Of(e.Priority), e.AcknowledgeBy, version),
                ReportWithdrawn e => ProjectionStatement.Of(
                    "update report_summaries set status = 'withdrawn', withdrawn_at = $2, version = $3 where report_id = $1",
                    e.ReportId, e.WithdrawnAt, version),
                MessagePosted e => ProjectionStatement.Of(
                    "update report_summaries set message_count = message_count + 1, last_message_at = $2, version = $3 where report_id = $1",
                    e.ReportId, e.PostedAt, version),
                _ => null,
            };
            if (change is not null)
            {
                changed = true;
                yield return change;
            }
        }
        if (!changed)
        {
            yield return ProjectionStatement.Of("update report_summaries set version = greatest(version, $2) where report_id = $1",
                ReportIdOf(events[0].StreamId), version);
        }
    }

    private static Guid ReportIdOf(string streamId) => Guid.Parse(streamId.AsSpan("report-".Length));
}
