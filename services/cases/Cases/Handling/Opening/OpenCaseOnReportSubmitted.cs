using Intake.Contracts;
using MassTransit;
using Platform.EventStore;
using Platform.EventStore.Appending;

namespace Cases.Handling.Opening;

/// <summary>
/// Every submitted report becomes a case in its receiving organization, exactly once: the case id
/// is derived from the report id and the stream must not exist yet, so a redelivered message (same
/// message id) or a duplicate one (another message id, same report) finds the case already open
/// and succeeds without appending. The event id is the message id, so even a retry of an append
/// whose commit was never acknowledged is recognised as already done.
/// </summary>
public sealed class OpenCaseOnReportSubmitted(EventStore store, TimeProvider time) : IConsumer<ReportSubmitted>
{
    public static readonly Actor Actor = Actor.System("cases.open-case-on-report-submitted");

    public async Task Consume(ConsumeContext<ReportSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Message;
        var caseId = CaseStreams.CaseIdOfReport(report.ReportId);
        var streamId = CaseStreams.Id(caseId);
        var events = OpenCase.Decide(new OpenCase(caseId, report.ReceivingOrganizationId, report.ReportId, report.Kind, report.Setting,
            report.Mode, Priority: null, Guid.CreateVersion7(), Guid.CreateVersion7(), Actor.ClientId, time.GetUtcNow()), CaseState.Initial);
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(Actor, (context.CorrelationId ?? messageId).ToString(), report.SubmittedAt, causationId: messageId.ToString());
        try
        {
            await store.AppendAsync(streamId, ExpectedVersion.NoStream, [new EventToAppend(messageId, events[0])], metadata, context.CancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            // The case of this report is already open: another delivery of the report opened it.
        }
    }
}
