using Referrals.Sharing;

namespace Referrals.Consents.Overriding;

/// <summary>Records sharing without consent on a documented ground, citing the law that allows it.</summary>
public sealed record RecordOverride(
    Guid ConsentId,
    Guid OrganizationId,
    Guid CaseId,
    Guid RecipientOrganizationId,
    ReferralPurpose Purpose,
    IReadOnlyList<ShareableField> Scope,
    OverrideGround Ground,
    string? LegalBasis,
    DateTimeOffset ExpiresAt,
    string By,
    DateTimeOffset At)
{
    public const int MaxLegalBasisLength = 300;

    public static IReadOnlyList<object> Decide(RecordOverride command, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != ConsentStatus.None)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict, "This override is already recorded.");
        }
        if (string.IsNullOrWhiteSpace(command.LegalBasis) || command.LegalBasis.Length > MaxLegalBasisLength)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                $"An override needs its 'legalBasis': the law or order that allows sharing without consent (at most {MaxLegalBasisLength} characters).");
        }
        ConsentRules.EnsureBounded(command.OrganizationId, command.RecipientOrganizationId, command.Scope, command.ExpiresAt, command.At);
        return [new SharingOverrideRecorded(command.ConsentId, command.OrganizationId, command.CaseId, command.RecipientOrganizationId,
            command.Purpose, ConsentRules.Normalized(command.Scope), command.Ground, command.LegalBasis.Trim(), command.ExpiresAt, command.By, command.At)];
    }
}
