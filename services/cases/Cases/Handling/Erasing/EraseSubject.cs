using Platform.EventStore.Privacy;

namespace Cases.Handling.Erasing;

/// <summary>
/// Erases one of the case's two subjects (the affected person or the respondent) at a recorded
/// ground. Decides which subject id goes to the store's erasure, which appends
/// <c>SubjectErased</c> to the case and destroys the subject's key in one transaction.
/// </summary>
public sealed record EraseSubject(Guid CaseId, CaseSubject Subject, ErasureGround Ground)
{
    public static Guid Decide(EraseSubject command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == CaseStatus.None)
        {
            throw new CaseRuleViolationException(RuleViolationKind.NotFound, "No such case.");
        }
        var subject = state.SubjectId(command.Subject);
        if (state.ErasedSubjects.Contains(subject))
        {
            throw new CaseRuleViolationException(RuleViolationKind.Conflict, "This person's data has already been erased.");
        }
        return subject;
    }
}
