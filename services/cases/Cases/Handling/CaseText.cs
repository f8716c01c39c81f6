namespace Cases.Handling;

/// <summary>
/// What text a handler types may hold: trimmed, within its limit, and free of control characters
/// (a NUL breaks PostgreSQL text, the others only hide things) except line breaks and tabs.
/// Violations name the field, never its content.
/// </summary>
public static class CaseText
{
    public const int ShortMaxLength = 500;
    public const int LongMaxLength = 10_000;

    public static string Required(string? text, string field, int maxLength) =>
        Optional(text, field, maxLength)
            ?? throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, $"The {field} cannot be empty.");

    /// <summary>A blank value is recorded as none.</summary>
    public static string? Optional(string? text, string field, int maxLength)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: var length } && length > maxLength)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, $"The {field} is limited to {maxLength} characters.");
        }
        if (trimmed is not null && trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, $"The {field} holds control characters other than line breaks and tabs.");
        }
        return trimmed;
    }
}
