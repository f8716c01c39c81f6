namespace Cases.Handling.Acknowledging;

/// <summary>
/// The handling organization confirms it has the case. Against intake's deadline when the report
/// was triaged: acknowledging late is still recorded (refusing would hide the case), and says so.
/// </summary>
public sealed record AcknowledgeCase(Guid CaseId, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(AcknowledgeCase command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureOpen();
        if (state.Acknowledged)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case has already been acknowledged.");
        }
        var late = state.AcknowledgeBy is { } deadline && command.At > deadline;

        return [new CaseAcknowledged(state.Id, state.OrganizationId, state.AcknowledgeBy, late, command.By, command.At)];
    }
}
