using Intake.Contracts;

namespace Intake.Reports.Submitting;

/// <summary>
/// A submission that passed <see cref="SubmissionValidation"/>: typed, trimmed, with a PersonId
/// minted for everyone in it. <paramref name="ReceivingOrganizationId"/> is null when a partner
/// submits for itself.
/// </summary>
public sealed record ReportSubmission(
    ReportKind Kind,
    ReportSetting Setting,
    ReportMode Mode,
    IncidentPeriod? When,
    string? Where,
    string Narrative,
    IReadOnlyList<PersonInvolved> People,
    bool ImmediateDanger,
    Consent Consent,
    string? PreferredLanguage,
    IReadOnlyList<AttachmentReference> Attachments,
    Guid? ReceivingOrganizationId)
{
    public PersonInvolved Reporter => People.Single(person => person.Roles.Contains(PersonRole.Reporter));

    /// <summary>Whose the account of what happened is: the first affected person.</summary>
    public PersonInvolved FirstAffectedPerson => People.First(person => person.Roles.Contains(PersonRole.AffectedPerson));
}
