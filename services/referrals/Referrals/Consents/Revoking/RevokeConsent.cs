namespace Referrals.Consents.Revoking;

/// <summary>Withdraws a consent (or an override) from now on: the recipient loses access to what was shared under it.</summary>
public sealed record RevokeConsent(Guid ConsentId, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(RevokeConsent command, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        switch (state.Status)
        {
            case ConsentStatus.None:
                throw new ReferralRuleViolationException(RuleViolationKind.NotFound, "No such consent.");
            case ConsentStatus.Revoked:
                throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This consent is already revoked.");
            case ConsentStatus.Expired:
                throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This consent has already expired.");
            case ConsentStatus.Erased:
                throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This consent already ended: a person's data in the case was erased.");
        }
        return [new ConsentRevoked(state.Id, state.OrganizationId, state.CaseId, command.By, command.At)];
    }
}
