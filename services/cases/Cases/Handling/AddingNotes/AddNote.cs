namespace Cases.Handling.AddingNotes;

/// <summary>A handler's note, about the affected person or the respondent (whose personal data it becomes).</summary>
public sealed record AddNote(Guid CaseId, Guid NoteId, CaseSubject About, string Text, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(AddNote command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var text = CaseText.Required(command.Text, "note", CaseText.LongMaxLength);
        state.EnsureOpen();
        var subject = state.SubjectId(command.About);
        state.EnsureNotErased(subject);

        return [new NoteAdded(state.Id, state.OrganizationId, command.NoteId, subject, text, command.By, command.At)];
    }
}
