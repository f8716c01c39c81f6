namespace Cases.Handling.Reopening;

/// <summary>Reopens a closed case, for a recorded reason.</summary>
public sealed record ReopenCase(Guid CaseId, ReopeningReason Reason, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(ReopenCase command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        if (state.Status != CaseStatus.Closed)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "Only a closed case can be reopened.");
        }

        return [new CaseReopened(state.Id, state.OrganizationId, command.Reason, command.By, command.At)];
    }
}
