using Cases.Handling.Triaging;
using Intake.Contracts;
using MassTransit;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.Messaging;

namespace Cases.Handling.Opening;

/// <summary>
/// Every submitted report becomes a case in its receiving organization, exactly once: the case id
/// is derived from the report id and the stream must not exist yet, so a redelivered message (same
/// message id) or a duplicate one (another message id, same report) finds the case already open
/// and succeeds without appending. The event ids come from the message id, so even a retry of an
/// append whose commit was never acknowledged is recognised as already done.
/// </summary>
public sealed class OpenCaseOnReportSubmitted(EventStore store, TimeProvider time) : IConsumer<ReportSubmitted>
{
    public static readonly Actor Actor = Actor.System("cases.open-case-on-report-submitted");

    public async Task Consume(ConsumeContext<ReportSubmitted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Message;
        var caseId = CaseStreams.CaseIdOfReport(report.ReportId);
        var events = Decide(report, Guid.CreateVersion7(), Guid.CreateVersion7(), time.GetUtcNow());
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(Actor, (context.CorrelationId ?? messageId).ToString(), report.SubmittedAt, causationId: messageId.ToString());
        try
        {
            await store.AppendAsync(CaseStreams.Id(caseId), ExpectedVersion.NoStream,
                [.. events.Select((@event, index) => new EventToAppend(index == 0 ? messageId : DerivedMessageId.Of(messageId, $"cases:opening:{index}"), @event))],
                metadata, context.CancellationToken);
        }
        catch (WrongExpectedVersionException)
        {
            // The case of this report is already open: another delivery of the report opened it.
        }
    }

    /// <summary>
    /// The case of a new report, opened as intake triaged it: one append, so a report's case is never
    /// listed without the priority and deadline it came with. A report stored before intake sent its
    /// triage with it opens untriaged; its <see cref="ReportTriaged"/> follows (<see cref="RecordTriageOnReportTriaged"/>).
    /// </summary>
    public static IReadOnlyList<object> Decide(ReportSubmitted report, Guid affectedPersonId, Guid respondentId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        var caseId = CaseStreams.CaseIdOfReport(report.ReportId);
        var opened = OpenCase.Decide(new OpenCase(caseId, report.ReceivingOrganizationId, report.ReportId, report.Kind, report.Setting,
            report.Mode, Priority: null, affectedPersonId, respondentId, Actor.ClientId, at), CaseState.Initial);
        if (report.Triage is not { } triage)
        {
            return opened;
        }
        var state = opened.Aggregate(CaseState.Initial, CaseState.Evolve);
        return [.. opened, .. RecordTriage.Decide(new RecordTriage(caseId, triage.Priority, triage.RulesFired, triage.AcknowledgeBy, report.SubmittedAt), state)];
    }
}
