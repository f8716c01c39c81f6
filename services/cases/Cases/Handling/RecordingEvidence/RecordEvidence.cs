namespace Cases.Handling.RecordingEvidence;

/// <summary>
/// A reference to evidence held elsewhere (a file store's locator, a locker, a police exhibit
/// number) and what it shows. The case never holds the evidence itself.
/// </summary>
public sealed record RecordEvidence(Guid CaseId, Guid EvidenceId, EvidenceKind Kind, string Reference, string? Description, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(RecordEvidence command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        var reference = CaseText.Required(command.Reference, "evidence reference", CaseText.ShortMaxLength);
        var description = CaseText.Optional(command.Description, "evidence description", CaseText.LongMaxLength);
        state.EnsureOpen();
        state.EnsureNotErased(state.AffectedPersonId);

        return [new EvidenceRecorded(state.Id, state.OrganizationId, command.EvidenceId, command.Kind, state.AffectedPersonId,
            reference, description, command.By, command.At)];
    }
}
