namespace Cases.Handling.AssigningWorker;

/// <summary>Assigns the case to a case worker (the organization's own staff id), or reassigns it to another.</summary>
public sealed record AssignWorker(Guid CaseId, Guid WorkerId, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(AssignWorker command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (command.WorkerId == Guid.Empty)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, "Name the case worker to assign.");
        }
        state.EnsureOpen();
        if (state.WorkerId == command.WorkerId)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case worker is already assigned to the case.");
        }

        return [new CaseWorkerAssigned(state.Id, state.OrganizationId, command.WorkerId, state.WorkerId, command.By, command.At)];
    }
}
