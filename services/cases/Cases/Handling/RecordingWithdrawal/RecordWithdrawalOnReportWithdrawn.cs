using Intake.Contracts;
using MassTransit;
using Platform.EventStore;

namespace Cases.Handling.RecordingWithdrawal;

/// <summary>Records on the report's case that the reporter's side withdrew the report (see <see cref="ReportFollowUps"/>).</summary>
public sealed class RecordWithdrawalOnReportWithdrawn(EventStore store) : IConsumer<ReportWithdrawn>
{
    public static readonly Actor Actor = Actor.System("cases.record-withdrawal-on-report-withdrawn");

    public Task Consume(ConsumeContext<ReportWithdrawn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var withdrawn = context.Message;
        return ReportFollowUps.RecordAsync(store, context, withdrawn.ReportId, withdrawn.WithdrawnAt, Actor, (caseId, state) =>
            RecordReportWithdrawal.Decide(new RecordReportWithdrawal(caseId, withdrawn.WithdrawnAt), state));
    }
}
