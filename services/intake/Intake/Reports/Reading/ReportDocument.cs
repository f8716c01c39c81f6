using Intake.Contracts;
using Intake.Triage;

namespace Intake.Reports.Reading;

/// <summary>A report as its organization reads it, personal data opened. <see cref="Version"/> is its ETag.</summary>
public sealed record ReportDocument(
    Guid Id,
    ReportStatus Status,
    ReportMode Mode,
    ReportKind Kind,
    ReportSetting Setting,
    Guid ReceivingOrganizationId,
    Guid? SubmittingOrganizationId,
    ReportPriority? Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset? AcknowledgeBy,
    IncidentDocument Incident,
    IReadOnlyList<PersonDocument> People,
    bool ImmediateDanger,
    Consent Consent,
    string? PreferredLanguage,
    IReadOnlyList<AttachmentReference> Attachments,
    DateTimeOffset SubmittedAt,
    WithdrawalDocument? Withdrawal,
    int MessageCount,
    long Version);

public sealed record IncidentDocument(string Narrative, string? Where, IncidentPeriod? When);

/// <summary>
/// A person in the report. <see cref="IdentityWithheld"/> is true where a confidential reporter's
/// name, reference and contact were left out because the reader is not one of the receiving
/// organization's handlers. <see cref="Erased"/> is true once their data was erased: what was
/// theirs reads as erased, here and wherever the report's schema assigns it to them.
/// </summary>
public sealed record PersonDocument(
    Guid PersonId, IReadOnlyList<PersonRole> Roles, string? Name, string? Reference, ContactDetails? Contact, bool? IsMinor, AgeBand? AgeBand,
    bool IdentityWithheld, bool Erased);

public sealed record WithdrawalDocument(WithdrawalReason Reason, string? Explanation, DateTimeOffset WithdrawnAt);

public sealed record MessageDocument(Guid MessageId, MessageAuthor Author, string Text, DateTimeOffset PostedAt);

/// <summary>Builds what a reader sees from the report's events: pure, so every rule of it is a spec.</summary>
public static class ReportReading
{
    /// <param name="events">The stream's events, in order.</param>
    /// <param name="version">The stream's version.</param>
    /// <param name="readerIsHandler">A caseworker of the receiving organization: the only reader a confidential reporter's identity is shown to.</param>
    public static ReportDocument? Document(IReadOnlyList<object> events, long version, bool readerIsHandler)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.OfType<ReportSubmitted>().FirstOrDefault() is not { } submitted)
        {
            return null;
        }
        var triage = TriageDecision.Latest(events);
        var withdrawn = events.OfType<ReportWithdrawn>().FirstOrDefault();
        var withhold = submitted.Mode == ReportMode.Confidential && !readerIsHandler;
        var erased = Report.Fold(events).ErasedPeople;
        return new ReportDocument(
            submitted.ReportId,
            withdrawn is null ? ReportStatus.Submitted : ReportStatus.Withdrawn,
            submitted.Mode, submitted.Kind, submitted.Setting, submitted.ReceivingOrganizationId, submitted.SubmittingOrganizationId,
            triage?.Priority, triage?.RulesFired ?? [], triage?.AcknowledgeBy,
            new IncidentDocument(submitted.Account.Narrative, submitted.Account.Where, submitted.Account.When),
            [.. submitted.People.Select(person =>
                Person(person, withhold && person.Roles.Contains(PersonRole.Reporter), erased.Contains(person.PersonId)))],
            submitted.ImmediateDanger, submitted.Consent, submitted.PreferredLanguage, submitted.Attachments, submitted.SubmittedAt,
            withdrawn is null ? null : new WithdrawalDocument(withdrawn.Reason, withdrawn.Explanation, withdrawn.WithdrawnAt),
            events.OfType<MessagePosted>().Count(),
            version);
    }

    public static IReadOnlyList<MessageDocument> Messages(IEnumerable<object> events) =>
        [.. events.OfType<MessagePosted>().Select(message => new MessageDocument(message.MessageId, message.Author, message.Text, message.PostedAt))];

    private static PersonDocument Person(PersonInvolved person, bool withhold, bool erased) => withhold
        ? new(person.PersonId, person.Roles, null, null, null, person.IsMinor, person.AgeBand, IdentityWithheld: true, erased)
        : new(person.PersonId, person.Roles, person.Name, person.Reference, person.Contact, person.IsMinor, person.AgeBand, IdentityWithheld: false, erased);
}
