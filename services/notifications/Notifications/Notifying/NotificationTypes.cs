namespace Notifications.Notifying;

/// <summary>The CloudEvents <c>type</c>s an endpoint may subscribe to: stable names, versioned like event types.</summary>
public static class NotificationTypes
{
    public const string ReportSubmitted = "intake.report-submitted.v1";
    public const string ReportTriaged = "intake.report-triaged.v1";
    public const string UrgentReportRaised = "intake.urgent-report-raised.v1";
    public const string ReportWithdrawn = "intake.report-withdrawn.v1";
    public const string MessagePosted = "intake.message-posted.v1";
    public const string CaseOpened = "cases.case-opened.v1";
    public const string CaseAcknowledged = "cases.case-acknowledged.v1";
    public const string CaseWorkerAssigned = "cases.case-worker-assigned.v1";
    public const string CaseEscalated = "cases.case-escalated.v1";
    public const string CaseClosed = "cases.case-closed.v1";
    public const string CaseReopened = "cases.case-reopened.v1";
    public const string EndpointDisabled = "notifications.endpoint-disabled.v1";

    public static readonly IReadOnlyList<string> All =
    [
        ReportSubmitted, ReportTriaged, UrgentReportRaised, ReportWithdrawn, MessagePosted,
        CaseOpened, CaseAcknowledged, CaseWorkerAssigned, CaseEscalated, CaseClosed, CaseReopened,
        EndpointDisabled,
    ];
}
