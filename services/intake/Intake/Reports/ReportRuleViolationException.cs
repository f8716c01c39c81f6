namespace Intake.Reports;

/// <summary>The HTTP status a broken rule answers with.</summary>
public enum RuleViolationKind
{
    /// <summary>The actor may see the report but not do this to it (a handler withdrawing the reporter's report).</summary>
    Forbidden = 403,

    /// <summary>No such report. Endpoints answer 404 before deciding when the actor may not see the report at all.</summary>
    NotFound = 404,

    /// <summary>The report's state forbids it now (withdrawn twice, a message on a withdrawn report).</summary>
    Conflict = 409,

    /// <summary>The request itself breaks a rule whatever the state (a message too long).</summary>
    Unprocessable = 422,
}

/// <summary>A decision refused. The message is safe to show: it never quotes personal data.</summary>
public sealed class ReportRuleViolationException(RuleViolationKind kind, string message) : Exception(message)
{
    public RuleViolationKind Kind { get; } = kind;

    public int Status => (int)Kind;
}
