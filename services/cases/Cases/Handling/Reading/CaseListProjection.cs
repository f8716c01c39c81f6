using Npgsql;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;

namespace Cases.Handling.Reading;

/// <summary>
/// Keeps <c>case_list</c> (see <see cref="CaseListSchema"/>) in the append's transaction. Every
/// event of a case moves its row's version, so the list's ETag-worthy version is always the
/// stream's. <see cref="SubjectErased"/> only moves the version: the row holds nothing personal
/// to drop or blank, by design.
/// </summary>
public sealed class CaseListProjection : IInlineProjection
{
    public bool AppliesTo(string eventType) =>
        eventType.StartsWith("cases.", StringComparison.Ordinal) || eventType == SubjectErased.TypeName;

    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            var appending = events[i];
            if (!appending.StreamId.StartsWith("case-", StringComparison.Ordinal))
            {
                continue;
            }
            // A case opened from a triaged report comes with its triage in the same append: one
            // insert of the row the two leave, at the triage's version, instead of an insert and
            // an update of the same row (which is also one dead row less for autovacuum).
            if (appending.Data is CaseOpened opened && i + 1 < events.Count && events[i + 1].Data is CaseTriaged triaged)
            {
                i++;
                yield return ProjectionStatement.Of(Open, [CaseIdOf(appending), events[i].StreamVersion, .. OpenValues(opened, triaged)]);
                continue;
            }
            var (sql, values) = Change(appending.Data);
            if (sql is null)
            {
                sql = $"update case_list set {Touch} where case_id = $1";
                values = [];
            }
            yield return ProjectionStatement.Of(sql, [CaseIdOf(appending), appending.StreamVersion, .. values]);
        }
    }

    private static Guid CaseIdOf(AppendingEvent appending) => Guid.Parse(appending.StreamId.AsSpan("case-".Length));

    // The event's recorded time is its transaction's now(), the one the projection runs in.
    private const string Touch = "version = $2, updated_at = now()";

    private const string Open = """
        insert into case_list (case_id, version, updated_at, organization_id, report_id, kind, setting, status, priority, opened_at, acknowledge_by)
        values ($1, $2, now(), $3, $4, $5, $6, 'open', $7, $8, $9)
        on conflict (case_id) do nothing
        """;

    private static object?[] OpenValues(CaseOpened e, CaseTriaged? triaged) =>
        [e.OrganizationId, e.ReportId, WireName.Of(e.Kind), WireName.Of(e.Setting),
         (triaged?.Priority ?? e.Priority) is { } priority ? WireName.Of(priority) : null, e.OpenedAt, triaged?.AcknowledgeBy];

    // $1 case id, $2 version, then the event's own values.
    private static (string? Sql, object?[] Values) Change(object data) => data switch
    {
        CaseOpened e => (Open, OpenValues(e, triaged: null)),
        CaseTriaged e => ($"update case_list set {Touch}, priority = $3, acknowledge_by = $4 where case_id = $1",
            [WireName.Of(e.Priority), e.AcknowledgeBy]),
        CaseAcknowledged e => ($"update case_list set {Touch}, acknowledged_at = $3, acknowledged_late = $4 where case_id = $1",
            [e.AcknowledgedAt, e.Late]),
        CaseWorkerAssigned e => ($"update case_list set {Touch}, worker_id = $3 where case_id = $1", [e.WorkerId]),
        RiskAssessed e => ($"update case_list set {Touch}, risk_level = $3 where case_id = $1", [WireName.Of(e.Level)]),
        InvestigationOpened => ($"update case_list set {Touch}, investigation = 'open' where case_id = $1", []),
        InvestigationConcluded => ($"update case_list set {Touch}, investigation = 'concluded' where case_id = $1", []),
        CaseEscalated => ($"update case_list set {Touch}, escalated = true where case_id = $1", []),
        CaseClosed e => ($"update case_list set {Touch}, status = 'closed', outcome = $3, closed_at = $4 where case_id = $1",
            [WireName.Of(e.Outcome), e.ClosedAt]),
        CaseReopened => ($"update case_list set {Touch}, status = 'open', outcome = null, closed_at = null where case_id = $1", []),
        _ => (null, []),
    };
}
