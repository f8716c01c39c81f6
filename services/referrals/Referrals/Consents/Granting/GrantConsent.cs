using Referrals.Sharing;

namespace Referrals.Consents.Granting;

/// <summary>Records the affected person's consent to share <paramref name="Scope"/> of <paramref name="CaseId"/> with a recipient.</summary>
public sealed record GrantConsent(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> Scope,
    DateTimeOffset ExpiresAt,
    string By,
    DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(GrantConsent command, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != ConsentStatus.None)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This consent is already recorded.");
        }
        ConsentRules.EnsureBounded(command.OrganizationId, command.RecipientOrganizationId, command.Scope, command.ExpiresAt, command.At);
        return [new ConsentGranted(command.ConsentId, command.OrganizationId, command.CaseId, command.RecipientOrganizationId, command.Purpose,
            ConsentRules.Normalized(command.Scope), command.ExpiresAt, command.By, command.At)];
    }
}
