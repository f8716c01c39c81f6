namespace Referrals.Referring.Progressing;

/// <summary>The recipient starts the work, or resumes it after a hold (FHIR <c>accepted</c> or <c>on-hold</c> → <c>in-progress</c>).</summary>
public sealed record StartReferral(ReferralParty Party, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(StartReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "start");
        state.EnsureStatus("started", ReferralStatus.Accepted, ReferralStatus.OnHold);
        return [new ReferralStarted(state.Id, state.Parties, command.By, command.At)];
    }
}

/// <summary>The recipient pauses the work, saying why (FHIR <c>in-progress</c> → <c>on-hold</c>).</summary>
public sealed record HoldReferral(ReferralParty Party, ResponseReason Reason, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(HoldReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "hold");
        state.EnsureStatus("put on hold", ReferralStatus.InProgress);
        return [new ReferralPutOnHold(state.Id, state.Parties, command.Reason, command.By, command.At)];
    }
}

/// <summary>The recipient records the outcome (FHIR <c>in-progress</c> → <c>completed</c>): the loop closes.</summary>
public sealed record CompleteReferral(ReferralParty Party, ReferralOutcome Outcome, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(CompleteReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "complete");
        state.EnsureStatus("completed", ReferralStatus.InProgress);
        return [new ReferralCompleted(state.Id, state.Parties, command.Outcome, command.By, command.At)];
    }
}

/// <summary>The recipient could not help after taking it on (FHIR <c>accepted</c>, <c>in-progress</c> or <c>on-hold</c> → <c>failed</c>).</summary>
public sealed record FailReferral(ReferralParty Party, ResponseReason Reason, string By, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(FailReferral command, ReferralState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureTakenBy(command.Party, ReferralParty.Recipient, "fail");
        state.EnsureStatus("failed", ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold);
        return [new ReferralFailed(state.Id, state.Parties, command.Reason, command.By, command.At)];
    }
}
