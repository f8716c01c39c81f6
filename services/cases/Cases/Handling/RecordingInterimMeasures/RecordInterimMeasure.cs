namespace Cases.Handling.RecordingInterimMeasures;

/// <summary>
/// A measure protecting the affected person while the case goes on: separating the parties,
/// support with a protective or restraining order, a workplace or school measure.
/// </summary>
public sealed record RecordInterimMeasure(Guid CaseId, Guid MeasureId, InterimMeasureKind Kind, string? Details, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(RecordInterimMeasure command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var details = CaseText.Optional(command.Details, "measure's details", CaseText.LongMaxLength);
        if (command.Kind == InterimMeasureKind.Other && details is null)
        {
            throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, "A measure of kind 'other' needs its details.");
        }
        state.EnsureOpen();
        state.EnsureNotErased(state.AffectedPersonId);

        return [new InterimMeasureRecorded(state.Id, state.OrganizationId, command.MeasureId, command.Kind, state.AffectedPersonId,
            details, command.By, command.At)];
    }
}
