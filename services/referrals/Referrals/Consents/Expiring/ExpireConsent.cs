namespace Referrals.Consents.Expiring;

/// <summary>Records that an active consent reached its expiry; nothing while it is still running or already ended.</summary>
public sealed record ExpireConsent(Guid ConsentId, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(ExpireConsent command, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ConsentStatus.Active && command.At >= state.ExpiresAt
            ? [new ConsentExpired(state.Id, state.OrganizationId, state.CaseId, state.ExpiresAt, command.At)]
            : [];
    }
}
