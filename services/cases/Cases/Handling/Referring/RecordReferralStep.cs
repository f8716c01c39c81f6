namespace Cases.Handling.Referring;

/// <summary>
/// Records a step of a referral on the referring case. Only the case's own organization refers it,
/// so a referral that names a case of another organization (or none) leaves no trace on it:
/// referrals takes the case id from the referrer, and this is where it is checked against the case.
/// </summary>
public sealed record RecordReferralStep(Guid ReferringOrganizationId, ReferralStepRecorded Step)
{
    public static IReadOnlyList<object> Decide(RecordReferralStep command, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return state.Status == CaseStatus.None || state.OrganizationId != command.ReferringOrganizationId
            ? []
            : [command.Step with { CaseId = state.Id, OrganizationId = state.OrganizationId }];
    }
}
