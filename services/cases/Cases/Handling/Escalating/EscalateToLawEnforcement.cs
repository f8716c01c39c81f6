using Cases.Contracts;

namespace Cases.Handling.Escalating;

/// <summary>
/// Refers the case to law enforcement. Only with the affected person's consent, or without it on a
/// legal basis that overrides it (a duty to report harm to a minor, say), which is then recorded
/// so an auditor can judge it. <paramref name="LegalBasis"/> cites the law; it must not describe anyone.
/// </summary>
public sealed record EscalateToLawEnforcement(Guid CaseId, bool AffectedPersonConsents, string? LegalBasis, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(EscalateToLawEnforcement command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var legalBasis = CaseText.Optional(command.LegalBasis, "legal basis", CaseText.ShortMaxLength);
        if (!command.AffectedPersonConsents && legalBasis is null)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable,
                "Without the affected person's consent, escalating needs the legal basis that overrides it.");
        }
        state.EnsureOpen();
        if (state.Escalated)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This case has already been escalated to law enforcement.");
        }
        var basis = command.AffectedPersonConsents ? EscalationBasis.Consent : EscalationBasis.LegalOverride;

        return [new CaseEscalated(state.Id, state.OrganizationId, basis, legalBasis, command.By, command.At)];
    }
}
