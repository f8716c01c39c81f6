namespace Cases.Handling.RecordingWithdrawal;

/// <summary>Intake says the case's report was withdrawn by the reporter's side.</summary>
public sealed record RecordReportWithdrawal(Guid CaseId, DateTimeOffset WithdrawnAt)
{
    /// <summary>
    /// Recorded once: a redelivery decides nothing. Like a triage, a withdrawal arriving before the
    /// report opened the case is <see cref="RuleViolationKind.NotFound"/>, and the consumer retries.
    /// A closed case records it too: the handler should know, whatever the case's state.
    /// </summary>
    public static IReadOnlyList<object> Decide(RecordReportWithdrawal command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        if (state.ReportWithdrawnAt is not null)
        {
            return [];
        }

        return [new ReportWithdrawalRecorded(state.Id, state.OrganizationId, command.WithdrawnAt)];
    }
}
