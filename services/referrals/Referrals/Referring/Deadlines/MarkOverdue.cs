namespace Referrals.Referring.Deadlines;

/// <summary>
/// A referral still unanswered at its response deadline is overdue, once; anything else decides
/// nothing, a referral whose consent ended included (there is nothing left to answer).
/// </summary>
public sealed record MarkOverdue(DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(MarkOverdue command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ReferralStatus.Requested && !state.Overdue && !state.AccessEnded && command.At >= state.RespondBy
            ? [new ReferralOverdue(state.Id, state.Parties, state.RespondBy, command.At)]
            : [];
    }
}
