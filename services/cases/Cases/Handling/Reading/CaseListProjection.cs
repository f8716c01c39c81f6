using Npgsql;
using NpgsqlTypes;
using Platform.EventStore;
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

    // One round trip for the whole append (a case opened from a report comes with its triage).
    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var recorded in events)
        {
            if (!recorded.StreamId.StartsWith("case-", StringComparison.Ordinal))
            {
                continue;
            }
            var (sql, values) = Change(recorded.Data);
            if (sql is null)
            {
                sql = "update case_list set version = $2, updated_at = $3 where case_id = $1";
                values = [];
            }
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = CaseIdOf(recorded), NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new() { Value = recorded.StreamVersion, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new() { Value = recorded.RecordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            foreach (var value in values)
            {
                command.Parameters.Add(new() { Value = value ?? DBNull.Value });
            }
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static Guid CaseIdOf(RecordedEvent recorded) => Guid.Parse(recorded.StreamId.AsSpan("case-".Length));

    private const string Touch = "version = $2, updated_at = $3";

    // $1 case id, $2 version, $3 recorded at, then the event's own values.
    private static (string? Sql, object?[] Values) Change(object data) => data switch
    {
        CaseOpened e => ($"""
            insert into case_list (case_id, version, updated_at, organization_id, report_id, kind, setting, status, priority, opened_at)
            values ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)
            on conflict (case_id) do nothing
            """, [e.OrganizationId, e.ReportId, WireName.Of(e.Kind), WireName.Of(e.Setting), e.Priority is { } p ? WireName.Of(p) : null, e.OpenedAt]),
        CaseTriaged e => ($"update case_list set {Touch}, priority = $4, acknowledge_by = $5 where case_id = $1",
            [WireName.Of(e.Priority), e.AcknowledgeBy]),
        CaseAcknowledged e => ($"update case_list set {Touch}, acknowledged_at = $4, acknowledged_late = $5 where case_id = $1",
            [e.AcknowledgedAt, e.Late]),
        CaseWorkerAssigned e => ($"update case_list set {Touch}, worker_id = $4 where case_id = $1", [e.WorkerId]),
        RiskAssessed e => ($"update case_list set {Touch}, risk_level = $4 where case_id = $1", [WireName.Of(e.Level)]),
        InvestigationOpened => ($"update case_list set {Touch}, investigation = 'open' where case_id = $1", []),
        InvestigationConcluded => ($"update case_list set {Touch}, investigation = 'concluded' where case_id = $1", []),
        CaseEscalated => ($"update case_list set {Touch}, escalated = true where case_id = $1", []),
        CaseClosed e => ($"update case_list set {Touch}, status = 'closed', outcome = $4, closed_at = $5 where case_id = $1",
            [WireName.Of(e.Outcome), e.ClosedAt]),
        CaseReopened => ($"update case_list set {Touch}, status = 'open', outcome = null, closed_at = null where case_id = $1", []),
        _ => (null, []),
    };
}
