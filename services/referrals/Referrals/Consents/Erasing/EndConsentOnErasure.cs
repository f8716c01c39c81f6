namespace Referrals.Consents.Erasing;

/// <summary>A data subject of the consent's case was erased: a consent still running ends; one already ended stays as it is.</summary>
public sealed record EndConsentOnErasure(Guid SubjectId, DateTimeOffset At)
{
    public static IReadOnlyList<object> Decide(EndConsentOnErasure command, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == ConsentStatus.Active
            ? [new ConsentEndedByErasure(state.Id, state.OrganizationId, state.CaseId, command.SubjectId, command.At)]
            : [];
    }
}
