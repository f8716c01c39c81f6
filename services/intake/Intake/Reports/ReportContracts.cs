using Platform.Messaging.Forwarding;
using Public = Intake.Contracts;

namespace Intake.Reports;

/// <summary>
/// Which report events leave intake, and as what: ids, vocabulary and times, never a personal
/// field (sealed or not). <see cref="AnonymousAccessGranted"/> stays private.
/// </summary>
public static class ReportContracts
{
    public static IntegrationEventMap PublishReportEvents(this IntegrationEventMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map
            .Publish<ReportSubmitted>((e, _) => ToContract(e))
            .Publish<ReportTriaged>((e, _) => ToContract(e))
            .Publish<UrgentReportRaised>((e, _) => ToContract(e))
            .Publish<ReportWithdrawn>((e, _) => ToContract(e))
            .Publish<MessagePosted>((e, _) => ToContract(e));
    }

    public static Public.ReportSubmitted ToContract(ReportSubmitted e) =>
        new(e.ReportId, e.ReceivingOrganizationId, e.SubmittingOrganizationId, e.Kind, e.Setting, e.Mode, e.SubmittedAt,
            e.Triage is { } triage ? new Public.ReportTriage(triage.Priority, triage.RulesFired, triage.AcknowledgeBy) : null);

    public static Public.ReportTriaged ToContract(ReportTriaged e) =>
        new(e.ReportId, e.ReceivingOrganizationId, e.Priority, e.RulesFired, e.AcknowledgeBy, e.TriagedAt);

    public static Public.UrgentReportRaised ToContract(UrgentReportRaised e) =>
        new(e.ReportId, e.ReceivingOrganizationId, e.Reasons, e.AcknowledgeBy, e.RaisedAt);

    public static Public.ReportWithdrawn ToContract(ReportWithdrawn e) =>
        new(e.ReportId, e.ReceivingOrganizationId, e.WithdrawnAt);

    public static Public.MessagePosted ToContract(MessagePosted e) =>
        new(e.ReportId, e.ReceivingOrganizationId, e.MessageId, e.Author, e.PostedAt);
}
