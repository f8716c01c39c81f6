using Intake.Contracts;
using MassTransit;
using Platform.EventStore;
using Platform.EventStore.Appending;

namespace Cases.Handling.Triaging;

/// <summary>
/// Records intake's triage on the report's case. Delivery order is not guaranteed, so the triage
/// may come before the report-submitted message that opens the case. It then throws
/// <see cref="CaseNotOpenYetException"/> and the message is retried (see
/// <see cref="CaseConsumerDefinition{TConsumer}"/>) until the case is open: the case is opened from
/// one event only, with everything it needs (kind, setting, mode), instead of half-opened by
/// whichever event comes first. Redeliveries and older triages decide nothing (see <see cref="RecordTriage"/>),
/// and a handler's write racing this one loses or wins on the stream version and is retried the same way.
/// </summary>
public sealed class RecordTriageOnReportTriaged(EventStore store) : IConsumer<ReportTriaged>
{
    public static readonly Actor Actor = Actor.System("cases.record-triage-on-report-triaged");

    public async Task Consume(ConsumeContext<ReportTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triage = context.Message;
        var caseId = CaseStreams.CaseIdOfReport(triage.ReportId);
        var streamId = CaseStreams.Id(caseId);
        var loaded = await store.LoadAsync(streamId, CaseState.Initial, CaseState.Evolve, cancellationToken: context.CancellationToken);
        if (loaded.State.Status == CaseStatus.None)
        {
            throw new CaseNotOpenYetException(triage.ReportId);
        }
        var events = RecordTriage.Decide(new RecordTriage(caseId, triage.Priority, triage.RulesFired, triage.AcknowledgeBy, triage.TriagedAt), loaded.State);
        if (events.Count == 0)
        {
            return;
        }
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(Actor, (context.CorrelationId ?? messageId).ToString(), triage.TriagedAt, causationId: messageId.ToString());
        await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [new EventToAppend(messageId, events[0])], metadata, context.CancellationToken);
    }
}

/// <summary>A report's triage arrived before the report itself: retried until the case is open.</summary>
public sealed class CaseNotOpenYetException(Guid reportId)
    : Exception($"The case of report {reportId} is not open yet; its report-submitted message has not arrived.");
