namespace Referrals;

/// <summary>The HTTP status a broken rule answers with.</summary>
public enum RuleViolationKind
{
    /// <summary>No such consent or referral (or not one this organization can see).</summary>
    NotFound = 404,

    /// <summary>The state forbids it now (a referral already accepted, a consent already revoked).</summary>
    Conflict = 409,

    /// <summary>The request itself breaks a rule whatever the state (no consent, a field outside the consent's scope).</summary>
    Unprocessable = 422,
}

/// <summary>A decision refused. The message is safe to show: it never quotes shared data.</summary>
public sealed class ReferralRuleViolationException(RuleViolationKind kind, string message) : Exception(message)
{
    public RuleViolationKind Kind { get; } = kind;

    public int Status => (int)Kind;
}
