using Platform.EventStore.Privacy;

namespace Intake.Reports.Erasing;

/// <summary>
/// The receiving organization erases one person's data from a report, on a recorded ground.
/// Decides which data subject goes to the store's erasure, which appends <c>SubjectErased</c> to
/// the report and destroys the person's key in one transaction. What was theirs then reads as
/// erased, as the report's schema assigns it: erasing the first affected person erases the account
/// of what happened, erasing the reporter erases the conversation and a withdrawal's explanation.
/// A withdrawn report is erased like any other: that is when retention periods end.
/// </summary>
public sealed record ErasePerson(Guid PersonId, ErasureGround Ground, ReportActor By)
{
    public static Guid Decide(ErasePerson command, Report state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == ReportStatus.None)
        {
            throw new ReportRuleViolationException(RuleViolationKind.NotFound, "No such report.");
        }
        if (!state.IsHandler(command.By))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Forbidden,
                "Only the organization that received the report erases a person's data from it.");
        }
        if (!state.People.Contains(command.PersonId))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable,
                "No one in this report has that personId: use a personId from the report's people.");
        }
        if (state.ErasedPeople.Contains(command.PersonId))
        {
            throw new ReportRuleViolationException(RuleViolationKind.Conflict, "This person's data has already been erased.");
        }
        return command.PersonId;
    }
}
