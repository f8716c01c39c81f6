using Intake.Contracts;

namespace Cases.Handling.Triaging;

/// <summary>Intake's triage of the case's report: its priority and acknowledgement deadline.</summary>
public sealed record RecordTriage(
    Guid CaseId,
    ReportPriority Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset TriagedAt)
{
    /// <summary>
    /// A triage no newer than the one recorded (the same message redelivered, or an older
    /// re-triage arriving late) decides nothing, so the consumer is idempotent and order-proof.
    /// A case not open yet is <see cref="RuleViolationKind.NotFound"/>: the consumer retries until
    /// the report-submitted message has opened it.
    /// </summary>
    public static IReadOnlyList<object> Decide(RecordTriage command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        if (state.TriagedAt >= command.TriagedAt)
        {
            return [];
        }

        return [new CaseTriaged(state.Id, state.OrganizationId, command.Priority, command.RulesFired, command.AcknowledgeBy, command.TriagedAt)];
    }
}
