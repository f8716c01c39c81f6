using Intake.AnonymousAccess;
using Intake.Contracts;
using Intake.Triage;

namespace Intake.Reports.Submitting;

/// <summary>
/// Submit a validated report as <paramref name="By"/>. The caller mints <paramref name="ReportId"/>,
/// issues <paramref name="AnonymousAccess"/> for the anonymous public route (hashing is slow and
/// random, so it happens before deciding), and looks up <paramref name="Facts"/> and the receiving
/// organization's <paramref name="Acknowledgement"/> policy.
/// </summary>
public sealed record SubmitReport(
    Guid ReportId,
    ReportSubmission Submission,
    AnonymousCredential? AnonymousAccess,
    TriageFacts Facts,
    AcknowledgementPolicy Acknowledgement,
    ReportActor By,
    DateTimeOffset At)
{
    /// <summary>
    /// ReportSubmitted with its triage (an urgent one is told to partners at once from it), then
    /// AnonymousAccessGranted on the anonymous public route: one append, so a report never exists untriaged.
    /// </summary>
    public static IReadOnlyList<object> Decide(SubmitReport command, Report state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != ReportStatus.None)
        {
            throw new ReportRuleViolationException(RuleViolationKind.Conflict, "This report has already been submitted.");
        }

        var submission = command.Submission;
        var (receiving, submitting) = Organizations(command);
        var triage = TriageRules.Assess(submission, command.Facts, command.Acknowledgement, command.At);

        var events = new List<object>
        {
            new ReportSubmitted(
                command.ReportId, receiving, submitting, submission.Mode, submission.Kind, submission.Setting,
                new IncidentAccount(submission.FirstAffectedPerson.PersonId, submission.Narrative, submission.Where, submission.When),
                submission.People, submission.ImmediateDanger, submission.Consent, submission.PreferredLanguage, submission.Attachments,
                command.By.Name, command.At, triage),
        };
        if (command.AnonymousAccess is { } access)
        {
            events.Add(new AnonymousAccessGranted(command.ReportId, access.KeyDigest, access.Passphrase, command.At));
        }
        return events;
    }

    private static (Guid Receiving, Guid? Submitting) Organizations(SubmitReport command) => command.By switch
    {
        AnonymousReporter when command.Submission.Mode != ReportMode.Anonymous =>
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "Reports on the anonymous route are anonymous."),
        AnonymousReporter when command.AnonymousAccess is null =>
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "An anonymous report needs a report key and passphrase to be followed up."),
        AnonymousReporter => command.Submission.ReceivingOrganizationId is { } chosen && chosen != Guid.Empty
            ? (chosen, null)
            : throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "An anonymous report names the organization it is for."),
        // Partners follow their reporters up through their own channels, so they get no report key.
        OrganizationActor when command.AnonymousAccess is not null =>
            throw new ReportRuleViolationException(RuleViolationKind.Unprocessable, "Report keys are only issued on the anonymous route."),
        // Until there is a rule for one organization submitting to another (a hotline forwarding
        // to an employer, say), a partner submits only for itself.
        OrganizationActor partner when command.Submission.ReceivingOrganizationId is { } other && other != partner.OrganizationId =>
            throw new ReportRuleViolationException(RuleViolationKind.Forbidden, "A partner submits reports for its own organization only."),
        OrganizationActor partner => (partner.OrganizationId, partner.OrganizationId),
        _ => throw new ArgumentOutOfRangeException(nameof(command), "Unknown kind of actor."),
    };
}
