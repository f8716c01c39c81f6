namespace Intake.Contracts;

// The integration events of a report, published by the forwarder with message id = the stored
// event's id. They cross service boundaries, so they carry ids, vocabulary and times only: no
// name, contact, narrative, place or date of the incident, not even sealed. A consumer that needs
// the content fetches it through an authorized, access-logged intake call. Every event names the
// receiving organization, so a consumer can route and authorize without remembering the report.
// Delivery is at least once and in no particular order: consumers key on ReportId and dedupe by message id.

/// <summary>
/// A report arrived for <paramref name="ReceivingOrganizationId"/>. <paramref name="SubmittingOrganizationId"/> is null
/// for the anonymous public route. <paramref name="Triage"/> is how intake triaged it on arrival (at <paramref name="SubmittedAt"/>),
/// so a consumer has the whole of a new report from one message; it is null only for a report stored before triage
/// travelled with the submission, whose triage follows as a <see cref="ReportTriaged"/>.
/// </summary>
public sealed record ReportSubmitted(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    Guid? SubmittingOrganizationId,
    ReportKind Kind,
    ReportSetting Setting,
    ReportMode Mode,
    DateTimeOffset SubmittedAt,
    ReportTriage? Triage = null);

/// <summary>A priority, the triage rules that gave it, and when the report must be acknowledged by.</summary>
public sealed record ReportTriage(
    ReportPriority Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset AcknowledgeBy);

/// <summary>A report was given another priority or deadline after it arrived (its triage on arrival travels in <see cref="ReportSubmitted"/>).</summary>
public sealed record ReportTriaged(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    ReportPriority Priority,
    IReadOnlyList<TriageRule> RulesFired,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset TriagedAt);

/// <summary>An urgent report needs the receiving organization's handlers now: notifications deliver it immediately.</summary>
public sealed record UrgentReportRaised(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    IReadOnlyList<TriageRule> Reasons,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset RaisedAt);

/// <summary>The reporter's side withdrew the report. It stays on record; what happens to a case is the case's decision.</summary>
public sealed record ReportWithdrawn(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    DateTimeOffset WithdrawnAt);

/// <summary>A message was added to a report's conversation; its text stays in intake.</summary>
public sealed record MessagePosted(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    Guid MessageId,
    MessageAuthor Author,
    DateTimeOffset PostedAt);
