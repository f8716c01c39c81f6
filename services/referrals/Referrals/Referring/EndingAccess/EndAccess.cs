namespace Referrals.Referring.EndingAccess;

/// <summary>The consent of a referral ended: the recipient loses access, once.</summary>
public sealed record EndAccess(AccessEndReason Reason, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(EndAccess command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ReferralStatus.None || state.AccessEnded
            ? []
            : [new ReferralAccessEnded(state.Id, state.Parties, state.ConsentId, command.Reason, command.At)];
    }
}
