namespace Intake.Contracts;

// The integration events of a report, published by the forwarder with message id = the stored
// event's id. They cross service boundaries, so they carry ids, vocabulary and times only: no
// name, contact, narrative, place or date of the incident, not even sealed. A consumer that needs
// the content fetches it through an authorized, access-logged intake call. Every event names the
// receiving organization, so a consumer can route and authorize without remembering the report.
// Delivery is at least once and in no particular order: consumers key on ReportId and dedupe by message id.

/// <summary>A report arrived for <paramref name="ReceivingOrganizationId"/>. <paramref name="SubmittingOrganizationId"/> is null for the anonymous public route.</summary>
public sealed record ReportSubmitted(
    Guid ReportId,
    Guid ReceivingOrganizationId,
    Guid? SubmittingOrganizationId,
    ReportKind Kind,
    ReportSetting Setting,
    ReportMode Mode,
    DateTimeOffset SubmittedAt);

/// <summary>A report was given a priority and a deadline for its acknowledgement (on arrival, and again if it is re-triaged).</summary>
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
