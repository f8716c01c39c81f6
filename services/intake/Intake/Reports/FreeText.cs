namespace Intake.Reports;

/// <summary>
/// What any text a person types may hold: no control characters (a NUL breaks PostgreSQL text
/// columns, the others only hide things), except line breaks and tabs where several lines make sense.
/// </summary>
public static class FreeText
{
    public static bool IsClean(string text, bool multiline) =>
        !text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));
}
