namespace Cases.Handling;

/// <summary>The HTTP status a broken rule answers with.</summary>
public enum RuleViolationKind
{
    /// <summary>No such case.</summary>
    NotFound = 404,

    /// <summary>The case's state forbids it now (closed, already acknowledged, no open investigation).</summary>
    Conflict = 409,

    /// <summary>The request itself breaks a rule whatever the state (a note too long, an override without its legal basis).</summary>
    Unprocessable = 422,
}

/// <summary>A decision refused. The message is safe to show: it never quotes personal data.</summary>
public sealed class CaseRuleViolationException(RuleViolationKind kind, string message) : Exception(message)
{
    public RuleViolationKind Kind { get; } = kind;

    public int Status => (int)Kind;
}
