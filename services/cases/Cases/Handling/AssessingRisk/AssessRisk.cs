namespace Cases.Handling.AssessingRisk;

/// <summary>Records a risk assessment: a level, the factors behind it and the safety plan agreed with the affected person.</summary>
public sealed record AssessRisk(Guid CaseId, Guid AssessmentId, RiskLevel Level, IReadOnlyList<string>? Factors, string? SafetyPlan, string By, DateTimeOffset At)
{
    public const int MaxFactors = 20;

    public static IReadOnlyList<object> Decide(AssessRisk command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var factors = command.Factors ?? [];
        if (factors.Count > MaxFactors)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, $"An assessment lists at most {MaxFactors} risk factors.");
        }
        IReadOnlyList<string> cleanFactors = [.. factors.Select(factor => CaseText.Required(factor, "risk factor", CaseText.ShortMaxLength))];
        var safetyPlan = CaseText.Optional(command.SafetyPlan, "safety plan", CaseText.LongMaxLength);
        if (command.Level >= RiskLevel.High && safetyPlan is null)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, "A high or severe risk needs a safety plan.");
        }
        state.EnsureOpen();
        state.EnsureNotErased(state.AffectedPersonId);

        return [new RiskAssessed(state.Id, state.OrganizationId, command.AssessmentId, command.Level,
            new RiskDetails(state.AffectedPersonId, cleanFactors, safetyPlan), command.By, command.At)];
    }
}
