using Platform.EventStore.Types;

namespace Intake.Reports;

public static class IntakeEvents
{
    /// <summary>
    /// Every event intake stores, under its stable name. Registering also checks the personal-data
    /// marking of each type, so a marking mistake fails at start-up.
    /// </summary>
    public static EventTypeRegistry Register(EventTypeRegistry types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types
            .Register<ReportSubmitted>("intake.report-submitted.v1")
            .Register<ReportTriaged>("intake.report-triaged.v1")
            .Register<UrgentReportRaised>("intake.urgent-report-raised.v1")
            .Register<AnonymousAccessGranted>("intake.anonymous-access-granted.v1")
            .Register<ReportWithdrawn>("intake.report-withdrawn.v1")
            .Register<MessagePosted>("intake.message-posted.v1");
    }
}
