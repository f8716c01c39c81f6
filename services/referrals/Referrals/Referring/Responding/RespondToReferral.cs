namespace Referrals.Referring.Responding;

/// <summary>The recipient takes the referral on (FHIR <c>requested</c> → <c>accepted</c>).</summary>
public sealed record AcceptReferral(ReferralParty Party, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(AcceptReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "accept");
        state.EnsureStatus("accepted", ReferralStatus.Requested);
        return [new ReferralAccepted(state.Id, state.Parties, command.By, command.At)];
    }
}

/// <summary>The recipient turns the referral down, saying why (FHIR <c>requested</c> → <c>rejected</c>).</summary>
public sealed record RejectReferral(ReferralParty Party, ResponseReason Reason, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(RejectReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "reject");
        state.EnsureStatus("rejected", ReferralStatus.Requested);
        return [new ReferralRejected(state.Id, state.Parties, command.Reason, command.By, command.At)];
    }
}
