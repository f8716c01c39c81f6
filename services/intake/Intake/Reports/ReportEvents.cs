using Intake.AnonymousAccess;
using Intake.Contracts;
using Intake.Triage;
using Platform.EventStore.Privacy;

namespace Intake.Reports;

// The schema of a report's stream (stream id: "report-{ReportId}"). Whose personal data is whose:
// - every person in a report is their own data subject, a PersonId minted at submission; their
//   name, contact details and age are theirs;
// - the account of what happened (narrative, where, when) is the first affected person's: erasing
//   them erases the account; other affected people, witnesses and the reporter keep only their own data;
// - the conversation (every message, either side's) and a withdrawal's explanation are the
//   reporter's: it is their exchange about their report, so erasing the reporter erases it whole;
// - kind, setting, mode, flags, consent, language and attachment references stay plain: triage,
//   routing and read models need them, and none names or locates anyone.
// Personal values of non-text types are nullable because an erased value reads as null.

/// <summary>
/// A report arrived, with how the triage rules ranked it on arrival: a report never exists untriaged.
/// <paramref name="SubmittingOrganizationId"/> is null for the anonymous public route. <paramref name="Triage"/>
/// is null only in reports stored before the triage was part of the submission: their
/// <see cref="ReportTriaged"/> follows in the same append.
/// </summary>
public sealed record ReportSubmitted(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    Guid? SubmittingOrganizationId,
    ReportMode Mode,
    ReportKind Kind,
    ReportSetting Setting,
    IncidentAccount Account,
    IReadOnlyList<PersonInvolved> People,
    bool ImmediateDanger,
    Consent Consent,
    string? PreferredLanguage,
    IReadOnlyList<AttachmentReference> Attachments,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    TriageDecision? Triage);

/// <summary>What happened, where and when, as told: personal data of <paramref name="SubjectId"/> (the first affected person).</summary>
public sealed record IncidentAccount(
    [property: DataSubject] Guid SubjectId,
    [property: PersonalData] string Narrative,
    [property: PersonalData] string? Where,
    [property: PersonalData] IncidentPeriod? When);

/// <summary>A day, or a range of days when <paramref name="To"/> is set; approximate when the reporter is not sure.</summary>
public sealed record IncidentPeriod(DateOnly From, DateOnly? To, bool Approximate);

/// <summary>
/// Someone the report involves. Nameless when unknown (an anonymous reporter is always nameless).
/// <paramref name="Reference"/> is the submitting partner's own id for the person (an employee or
/// pupil number): how triage recognises the same alleged perpetrator across reports without names.
/// </summary>
public sealed record PersonInvolved(
    [property: DataSubject] Guid PersonId,
    IReadOnlyList<PersonRole> Roles,
    [property: PersonalData] string? Name,
    [property: PersonalData] string? Reference,
    [property: PersonalData] ContactDetails? Contact,
    [property: PersonalData] bool? IsMinor,
    [property: PersonalData] AgeBand? AgeBand);

/// <summary>How a person may be reached; <paramref name="Notes"/> holds what keeps contact safe ("only by email", "not after 6 pm").</summary>
public sealed record ContactDetails(string? Email, string? Phone, string? Notes);

/// <summary>The reporter's consent: to be contacted by the receiving organization, and to have the report shared with support services.</summary>
public sealed record Consent(bool ToBeContacted, bool ToShareWithSupportServices);

/// <summary>A file held elsewhere, named by its content: SHA-256 in lowercase hex, media type and size.</summary>
public sealed record AttachmentReference(string Sha256, string MediaType, long SizeBytes);

/// <summary>
/// A triage as an event of its own: the priority the triage rules gave the report and when it must be
/// acknowledged by. Reports stored before the triage was part of <see cref="ReportSubmitted"/> have one.
/// </summary>
public sealed record ReportTriaged(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    ReportPriority Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset AcknowledgeBy,
    string TriagedBy,
    DateTimeOffset TriagedAt);

/// <summary>
/// An urgent report, for notifications to deliver at once. Rule names only: nothing personal.
/// Recorded beside urgent submissions until their triage travelled with them; those streams still
/// read and publish it. New urgent reports say so in their <see cref="ReportSubmitted.Triage"/> alone.
/// </summary>
public sealed record UrgentReportRaised(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    IReadOnlyList<TriageRule> Reasons,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset RaisedAt);

/// <summary>
/// An anonymous reporter can follow the report up: <paramref name="KeyDigest"/> finds the report
/// from its key, <paramref name="Passphrase"/> checks the passphrase. Neither secret is stored; a
/// digest of an 80-bit random key and a slow salted hash of a 100-bit passphrase are safe in a dump.
/// In the stream, so the key lookup is a projection that can be rebuilt.
/// </summary>
public sealed record AnonymousAccessGranted(
    Guid ReportId,
    string KeyDigest,
    PassphraseHash Passphrase,
    DateTimeOffset GrantedAt);

/// <summary>The reporter's side withdrew the report. Nothing is deleted; <paramref name="Explanation"/> is the reporter's personal data.</summary>
public sealed record ReportWithdrawn(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    WithdrawalReason Reason,
    [property: PersonalData] string? Explanation,
    [property: DataSubject] Guid ReporterId,
    string WithdrawnBy,
    DateTimeOffset WithdrawnAt);

/// <summary>A message in the report's conversation. Its text is the reporter's personal data, whoever wrote it.</summary>
public sealed record MessagePosted(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    Guid MessageId,
    MessageAuthor Author,
    [property: PersonalData] string Text,
    [property: DataSubject] Guid ReporterId,
    string PostedBy,
    DateTimeOffset PostedAt);
