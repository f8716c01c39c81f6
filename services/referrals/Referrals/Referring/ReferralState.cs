using Platform.EventStore.Privacy;
using Referrals.Consents;
using Referrals.Sharing;

namespace Referrals.Referring;

/// <summary>What a referral's decisions need to know, folded from its stream. Nothing personal: the shared data stays in its event.</summary>
public sealed record ReferralState(
    Guid Id,
    ReferralParties Parties,
    Guid ServiceId,
    Guid ConsentId,
    ReferralStatus Status,
    IReadOnlyList<ShareableField> SharedFields,
    DateTimeOffset RespondBy,
    bool Overdue,
    Guid? RerouteOf,
    Guid? ReroutedTo,
    bool AccessEnded)
{
    public static readonly ReferralState Initial = new(
        Guid.Empty, new(Guid.Empty, Guid.Empty, Guid.Empty), Guid.Empty, Guid.Empty, ReferralStatus.None, [], DateTimeOffset.MinValue, false, null, null, false);

    public static ReferralState Evolve(ReferralState state, object @event) => @event switch
    {
        ReferralRequested e => new(e.ReferralId, e.Parties, e.ServiceId, e.ConsentId, ReferralStatus.Requested, e.SharedFields, e.RespondBy, false, e.RerouteOf, null, false),
        ReferralAccepted => state with { Status = ReferralStatus.Accepted },
        ReferralRejected => state with { Status = ReferralStatus.Rejected },
        ReferralStarted => state with { Status = ReferralStatus.InProgress },
        ReferralPutOnHold => state with { Status = ReferralStatus.OnHold },
        ReferralCompleted => state with { Status = ReferralStatus.Completed },
        ReferralFailed => state with { Status = ReferralStatus.Failed },
        ReferralCancelled => state with { Status = ReferralStatus.Cancelled },
        ReferralOverdue => state with { Overdue = true },
        // A re-routed request is cancelled in favour of the new one; a rejected one stays rejected.
        ReferralRerouted e => state with
        {
            Status = state.Status == ReferralStatus.Requested ? ReferralStatus.Cancelled : state.Status,
            ReroutedTo = e.NewReferralId,
        },
        ReferralAccessEnded => state with { AccessEnded = true },
        SubjectErased => state with { DataErased = true },
        _ => state,
    };

    /// <summary>The referral's sealed copy of the shared data has been erased (its <c>SubjectErased</c> is on the stream): it is never erased twice.</summary>
    public bool DataErased { get; init; }

    public static ReferralState Fold(IEnumerable<object> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// Whether the recipient still reads the referral at <paramref name="at"/>, as its access check
    /// decides it: access not ended on this stream, and <paramref name="sharedUnder"/> (this referral's
    /// consent) still active then. The consent decides on its own when it is revoked or expires;
    /// this stream records it only afterwards.
    /// </summary>
    public bool RecipientReadsAt(ConsentState sharedUnder, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sharedUnder);
        return !AccessEnded && sharedUnder.Id == ConsentId && sharedUnder.IsActiveAt(at);
    }

    public bool IsFinished => Status is ReferralStatus.Rejected or ReferralStatus.Completed or ReferralStatus.Failed or ReferralStatus.Cancelled;

    /// <summary>The rule every step shares: the referral exists, and the side taking the step is the one the step belongs to.</summary>
    public void EnsureTakenBy(ReferralParty party, ReferralParty expected, string step)
    {
        if (Status == ReferralStatus.None)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.NotFound, "No such referral.");
        }
        if (party != expected)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict, expected == ReferralParty.Recipient
                ? $"Only the recipient organization can {step} a referral."
                : $"Only the referring organization can {step} a referral.");
        }
        if (AccessEnded && expected == ReferralParty.Recipient)
        {
            throw new ReferralRuleViolationException(RuleViolationKind.NotFound, "No such referral.");
        }
    }

    /// <summary>The referral must be in one of <paramref name="allowed"/> for the step.</summary>
    public void EnsureStatus(string step, params ReferralStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new ReferralRuleViolationException(RuleViolationKind.Conflict,
                $"A referral that is {WireName.Of(Status)} cannot be {step}; only one that is {string.Join(" or ", allowed.Select(WireName.Of))}.");
        }
    }
}
