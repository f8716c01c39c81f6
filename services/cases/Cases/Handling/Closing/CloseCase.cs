using Cases.Contracts;

namespace Cases.Handling.Closing;

/// <summary>Closes the case with an outcome: only once acknowledged, and never over an open investigation.</summary>
public sealed record CloseCase(Guid CaseId, CaseOutcome Outcome, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(CloseCase command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureOpen();
        if (!state.Acknowledged)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "Acknowledge the case before closing it.");
        }
        if (state.Investigation == InvestigationStatus.Open)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "Conclude the open investigation before closing the case.");
        }

        return [new CaseClosed(state.Id, state.OrganizationId, command.Outcome, command.By, command.At)];
    }
}
