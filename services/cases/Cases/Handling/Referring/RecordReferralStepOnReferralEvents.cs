using MassTransit;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Referrals.Contracts;

namespace Cases.Handling.Referring;

/// <summary>
/// Closes the loop on the referring case: each step referrals publishes becomes an entry of the
/// case's timeline. Steps arrive in no particular order (as every integration event), so each is
/// recorded when it arrives with the time it happened (its data's <c>at</c>, and the event's
/// occurred-at): the loop reads in that order. The event id is the message id, so a redelivery finds its step already
/// recorded; a handler's write racing this one fails the append on the stream version and the
/// message is retried (see <see cref="CaseConsumerDefinition{TConsumer}"/>).
/// </summary>
public sealed class RecordReferralStepOnReferralEvents(EventStore store)
    : IConsumer<ReferralRequested>, IConsumer<ReferralStatusChanged>, IConsumer<ReferralOverdue>, IConsumer<ReferralRerouted>, IConsumer<ReferralAccessEnded>
{
    public static readonly Actor Actor = Actor.System("cases.record-referral-step");

    public Task Consume(ConsumeContext<ReferralRequested> context) =>
        RecordAsync(context, context.Message.CaseId, context.Message.ReferringOrganizationId, new(Guid.Empty, Guid.Empty,
            context.Message.ReferralId, context.Message.RecipientOrganizationId, "requested", null, context.Message.SharedFields,
            context.Message.RerouteOf, context.Message.RequestedAt));

    public Task Consume(ConsumeContext<ReferralStatusChanged> context) =>
        RecordAsync(context, context.Message.CaseId, context.Message.ReferringOrganizationId, new(Guid.Empty, Guid.Empty,
            context.Message.ReferralId, context.Message.RecipientOrganizationId, context.Message.Status, context.Message.BusinessStatus, null, null,
            context.Message.ChangedAt));

    public Task Consume(ConsumeContext<ReferralOverdue> context) =>
        RecordAsync(context, context.Message.CaseId, context.Message.ReferringOrganizationId, new(Guid.Empty, Guid.Empty,
            context.Message.ReferralId, context.Message.RecipientOrganizationId, "overdue", null, null, null, context.Message.MarkedAt));

    public Task Consume(ConsumeContext<ReferralRerouted> context) =>
        RecordAsync(context, context.Message.CaseId, context.Message.ReferringOrganizationId, new(Guid.Empty, Guid.Empty,
            context.Message.ReferralId, context.Message.RecipientOrganizationId, "re-routed", null, null, context.Message.NewReferralId,
            context.Message.ReroutedAt));

    public Task Consume(ConsumeContext<ReferralAccessEnded> context) =>
        RecordAsync(context, context.Message.CaseId, context.Message.ReferringOrganizationId, new(Guid.Empty, Guid.Empty,
            context.Message.ReferralId, context.Message.RecipientOrganizationId, "access-ended", context.Message.Reason, null, null,
            context.Message.EndedAt, context.Message.ConsentExpiredAt));

    private async Task RecordAsync<TMessage>(ConsumeContext<TMessage> context, Guid caseId, Guid referringOrganizationId, ReferralStepRecorded step)
        where TMessage : class
    {
        var streamId = CaseStreams.Id(caseId);
        var loaded = await store.LoadAsync(streamId, CaseState.Initial, CaseState.Evolve, cancellationToken: context.CancellationToken);
        var events = RecordReferralStep.Decide(new(referringOrganizationId, step), loaded.State);
        if (events.Count == 0)
        {
            return;
        }
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(Actor, (context.CorrelationId ?? messageId).ToString(), step.At, causationId: messageId.ToString());
        await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [new EventToAppend(messageId, events.Single())], metadata,
            context.CancellationToken);
    }
}
