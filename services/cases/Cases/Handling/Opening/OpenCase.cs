using Intake.Contracts;

namespace Cases.Handling.Opening;

/// <summary>
/// Opens a case in <paramref name="OrganizationId"/>: from a report (the consumer) or directly by
/// a handler (<paramref name="ReportId"/> null). The caller mints the case id (deterministic for a
/// report, see <see cref="CaseStreams.CaseIdOfReport"/>) and the two subject ids.
/// </summary>
public sealed record OpenCase(
    Guid CaseId,
    Guid OrganizationId,
    Guid? ReportId,
    ReportKind Kind,
    ReportSetting Setting,
    ReportMode? Mode,
    ReportPriority? Priority,
    Guid AffectedPersonId,
    Guid RespondentId,
    string By,
    DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(OpenCase command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case is already open.");
        }
        if (command.AffectedPersonId == Guid.Empty || command.RespondentId == Guid.Empty || command.AffectedPersonId == command.RespondentId)
        {
            throw new ArgumentException("A case needs two distinct subject ids.", nameof(command));
        }

        return [new CaseOpened(command.CaseId, command.OrganizationId, command.ReportId, command.Kind, command.Setting, command.Mode,
            command.Priority, command.AffectedPersonId, command.RespondentId, command.By, command.At)];
    }
}
