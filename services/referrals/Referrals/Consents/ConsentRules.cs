using Referrals.Sharing;

namespace Referrals.Consents;

/// <summary>The bounds every consent and override shares: a recipient other than oneself, a scope, and a reasonable expiry.</summary>
public static class ConsentRules
{
    /// <summary>Consent must be time-limited (VAWA: "reasonably time-limited"); a year at most, renewed by a new consent.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    public static void EnsureBounded(Guid organizationId, Guid recipientOrganizationId, IReadOnlyList<ShareableField> scope, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (recipientOrganizationId == Guid.Empty || recipientOrganizationId == organizationId)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                "Name the recipient organization: another organization than the one recording the consent.");
        }
        if (scope.Count == 0)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                $"Name at least one field the recipient may see: {string.Join(", ", Enum.GetValues<ShareableField>().Select(WireName.Of))}.");
        }
        if (expiresAt <= now || expiresAt > now + MaxDuration)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                $"'expiresAt' must be in the future and at most {MaxDuration.TotalDays:0} days away.");
        }
    }

    /// <summary>Each field once, in the order of <see cref="ShareableField"/>, so equal scopes are stored alike.</summary>
    public static IReadOnlyList<ShareableField> Normalized(IEnumerable<ShareableField> scope) => [.. scope.Distinct().Order()];
}
