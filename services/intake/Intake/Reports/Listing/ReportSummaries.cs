using Dapper;
using Intake.Triage;
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

    /// <summary>
    /// One statement per change, not per event: the events of one report that arrive together (a
    /// submission comes with its urgency and anonymous access, in one append) fold into the row they leave,
    /// and every statement sets the version the last of them reached.
    /// </summary>
    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var start = 0; start < events.Count;)
        {
            var end = start + 1;
            while (end < events.Count && events[end].StreamId == events[start].StreamId)
            {
                end++;
            }
            var run = events.Skip(start).Take(end - start).ToList();
            foreach (var (sql, parameters) in Changes(run))
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            }
            start = end;
        }
    }

    private static IEnumerable<(string Sql, object Parameters)> Changes(List<RecordedEvent> run)
    {
        var version = run[^1].StreamVersion;
        var submitted = run[0].Data as ReportSubmitted;
        var triage = TriageDecision.Latest(run.Select(recorded => recorded.Data));
        var lastTriaged = run.Select(recorded => recorded.Data).OfType<ReportTriaged>().LastOrDefault();
        var changed = false;
        foreach (var recorded in run)
        {
            (string Sql, object Parameters)? change = recorded.Data switch
            {
                ReportSubmitted e => ("""
                    insert into report_summaries (report_id, receiving_organization_id, submitting_organization_id, mode, kind, setting,
                        status, submitted_at, priority, acknowledge_by, version)
                    values (@ReportId, @ReceivingOrganizationId, @SubmittingOrganizationId, @Mode, @Kind, @Setting, 'submitted', @SubmittedAt,
                        @Priority, @AcknowledgeBy, @Version)
                    """, new
                {
                    e.ReportId,
                    e.ReceivingOrganizationId,
                    e.SubmittingOrganizationId,
                    Mode = WireNames.Of(e.Mode),
                    Kind = WireNames.Of(e.Kind),
                    Setting = WireNames.Of(e.Setting),
                    e.SubmittedAt,
                    Priority = triage is null ? null : WireNames.Of(triage.Priority),
                    triage?.AcknowledgeBy,
                    Version = version,
                }),
                // Folded into the insert above.
                ReportTriaged when submitted is not null => null,
                ReportTriaged e when e == lastTriaged => (
                    "update report_summaries set priority = @Priority, acknowledge_by = @AcknowledgeBy, version = @Version where report_id = @ReportId",
                    new { e.ReportId, Priority = WireNames.Of(e.Priority), e.AcknowledgeBy, Version = version }),
                ReportWithdrawn e => (
                    "update report_summaries set status = 'withdrawn', withdrawn_at = @WithdrawnAt, version = @Version where report_id = @ReportId",
                    new { e.ReportId, e.WithdrawnAt, Version = version }),
                MessagePosted e => ("""
                    update report_summaries set message_count = message_count + 1, last_message_at = @PostedAt, version = @Version
                    where report_id = @ReportId
                    """, new { e.ReportId, e.PostedAt, Version = version }),
                _ => null,
            };
            if (change is { } statement)
            {
                changed = true;
                yield return statement;
            }
        }
        if (!changed)
        {
            yield return ("update report_summaries set version = greatest(version, @Version) where report_id = @ReportId",
                new { ReportId = ReportIdOf(run[0].StreamId), Version = version });
        }
    }

    private static Guid ReportIdOf(string streamId) => Guid.Parse(streamId.AsSpan("report-".Length));
}
