using MassTransit;
using Platform.EventStore;
using Platform.EventStore.Appending;

namespace Cases.Handling;

/// <summary>
/// What a consumer of a report's later events (triage, withdrawal) does with one: find the
/// report's case, decide, append at the version decided on, with the message id as the event id.
/// Delivery order is not guaranteed, so the event may come before the report-submitted message
/// that opens the case. It then throws <see cref="CaseNotOpenYetException"/> and the message is
/// retried (see <see cref="CaseConsumerDefinition{TConsumer}"/>) until the case is open: a case is
/// opened from one event only, with everything it needs (kind, setting, mode), never half-opened
/// by whichever event comes first. A handler's write racing this one fails the append on the
/// stream version and is retried the same way; a redelivery decides nothing.
/// </summary>
public static class ReportFollowUps
{
    public static async Task RecordAsync<TMessage>(
        EventStore store, ConsumeContext<TMessage> context, Guid reportId, DateTimeOffset occurredAt, Actor actor,
        Func<Guid, CaseState, IReadOnlyList<object>> decide)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(decide);
        var caseId = CaseStreams.CaseIdOfReport(reportId);
        var streamId = CaseStreams.Id(caseId);
        var loaded = await store.LoadAsync(streamId, CaseState.Initial, CaseState.Evolve, cancellationToken: context.CancellationToken);
        if (loaded.State.Status == CaseStatus.None)
        {
            throw new CaseNotOpenYetException(reportId);
        }
        var events = decide(caseId, loaded.State);
        if (events.Count == 0)
        {
            return;
        }
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(actor, (context.CorrelationId ?? messageId).ToString(), occurredAt, causationId: messageId.ToString());
        await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [new EventToAppend(messageId, events.Single())], metadata,
            context.CancellationToken);
    }
}

/// <summary>A report's later event arrived before the report itself: retried until the case is open.</summary>
public sealed class CaseNotOpenYetException(Guid reportId)
    : Exception($"The case of report {reportId} is not open yet; its report-submitted message has not arrived.");
