namespace Cases.Handling.AddingNotes;

/// <summary><paramref name="About"/> defaults to the affected person.</summary>
public sealed record AddNoteRequest(CaseSubject? About, string? Text);

public static class AddNoteEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, AddNoteRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) => AddNote.Decide(
            new(caseId, Guid.CreateVersion7(), request.About ?? CaseSubject.AffectedPerson, request.Text ?? "", by, at), state));
}
