namespace Referrals.Referring.EndingAccess;

/// <summary>
/// The consent of a referral ended: the recipient loses access, once. <paramref name="ConsentExpiredAt"/>
/// is the consent's expiry, recorded on the event when expiry is the <paramref name="Reason"/>.
/// </summary>
public sealed record EndAccess(AccessEndReason Reason, DateTimeOffset? ConsentExpiredAt, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(EndAccess command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ReferralStatus.None || state.AccessEnded
            ? []
            : [new ReferralAccessEnded(state.Id, state.Parties, state.ConsentId, command.Reason,
                command.Reason == AccessEndReason.ConsentExpired ? command.ConsentExpiredAt : null, command.At)];
    }
}
