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
    public const string ReferralRequested = "referrals.referral-requested.v1";
    public const string ReferralAccepted = "referrals.referral-accepted.v1";
    public const string ReferralRejected = "referrals.referral-rejected.v1";
    public const string ReferralInProgress = "referrals.referral-in-progress.v1";
    public const string ReferralOnHold = "referrals.referral-on-hold.v1";
    public const string ReferralCompleted = "referrals.referral-completed.v1";
    public const string ReferralFailed = "referrals.referral-failed.v1";
    public const string ReferralCancelled = "referrals.referral-cancelled.v1";

    /// <summary>A status referrals publishes that this version has no type of its own for yet (its <c>data.status</c> says which).</summary>
    public const string ReferralStatusChanged = "referrals.referral-status-changed.v1";

    public const string ReferralOverdue = "referrals.referral-overdue.v1";
    public const string ReferralRerouted = "referrals.referral-rerouted.v1";
    public const string ReferralAccessEnded = "referrals.referral-access-ended.v1";
    public const string EndpointDisabled = "notifications.endpoint-disabled.v1";

    public static readonly IReadOnlyList<string> All =
    [
        ReportSubmitted, ReportTriaged, UrgentReportRaised, ReportWithdrawn, MessagePosted,
        CaseOpened, CaseAcknowledged, CaseWorkerAssigned, CaseEscalated, CaseClosed, CaseReopened,
        ReferralRequested, ReferralAccepted, ReferralRejected, ReferralInProgress, ReferralOnHold, ReferralCompleted, ReferralFailed,
        ReferralCancelled, ReferralStatusChanged, ReferralOverdue, ReferralRerouted, ReferralAccessEnded,
        EndpointDisabled,
    ];
}
