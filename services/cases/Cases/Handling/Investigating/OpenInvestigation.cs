namespace Cases.Handling.Investigating;

/// <summary>Opens an investigation of the allegation. A reopened case may be investigated again.</summary>
public sealed record OpenInvestigation(Guid CaseId, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(OpenInvestigation command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureOpen();
        if (state.Investigation == InvestigationStatus.Open)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "An investigation of this case is already open.");
        }

        return [new InvestigationOpened(state.Id, state.OrganizationId, command.By, command.At)];
    }
}
