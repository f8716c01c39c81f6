namespace Cases.Handling.RecordingRetaliationConcerns;

/// <summary>A concern that the affected person faces retaliation for reporting: recorded whenever it arises, closed case or not.</summary>
public sealed record RecordRetaliationConcern(Guid CaseId, Guid ConcernId, string Description, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(RecordRetaliationConcern command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var description = CaseText.Required(command.Description, "concern", CaseText.LongMaxLength);
        // Retaliation often follows a closing: it is recorded on a closed case too, and the
        // handler decides whether to reopen. Only a case that does not exist refuses it.
        if (state.Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        state.EnsureNotErased(state.AffectedPersonId);

        return [new RetaliationConcernRecorded(state.Id, state.OrganizationId, command.ConcernId, state.AffectedPersonId, description, command.By, command.At)];
    }
}
