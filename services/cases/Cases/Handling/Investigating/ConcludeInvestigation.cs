namespace Cases.Handling.Investigating;

/// <summary>Concludes the open investigation with a finding and what was found (the respondent's personal data).</summary>
public sealed record ConcludeInvestigation(Guid CaseId, InvestigationFinding Finding, string Findings, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(ConcludeInvestigation command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var findings = CaseText.Required(command.Findings, "findings", CaseText.LongMaxLength);
        state.EnsureOpen();
        if (state.Investigation != InvestigationStatus.Open)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case has no open investigation to conclude.");
        }
        state.EnsureNotErased(state.RespondentId);

        return [new InvestigationConcluded(state.Id, state.OrganizationId, command.Finding, state.RespondentId, findings, command.By, command.At)];
    }
}
