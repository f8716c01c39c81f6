using Intake.Contracts;
using MassTransit;
using Platform.EventStore;

namespace Cases.Handling.Triaging;

/// <summary>
/// Records intake's triage on the report's case. A triage that comes before its report is
/// retried until the case is open (see <see cref="ReportFollowUps"/>); redeliveries and older
/// triages decide nothing (see <see cref="RecordTriage"/>).
/// </summary>
public sealed class RecordTriageOnReportTriaged(EventStore store) : IConsumer<ReportTriaged>
{
    public static readonly Actor Actor = Actor.System("cases.record-triage-on-report-triaged");

    public Task Consume(ConsumeContext<ReportTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triage = context.Message;
        return ReportFollowUps.RecordAsync(store, context, triage.ReportId, triage.TriagedAt, Actor, (caseId, state) =>
            RecordTriage.Decide(new RecordTriage(caseId, triage.Priority, triage.RulesFired, triage.AcknowledgeBy, triage.TriagedAt), state));
    }
}
