using Cases.Contracts;
using MassTransit;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults;
using Referrals.Referring;
using Referrals.Referring.EndingAccess;

namespace Referrals.Consents.Erasing;

/// <summary>
/// Erasure reaches the referrals of a case: when cases erases one of the case's data subjects, every
/// consent naming the case ends (<see cref="ConsentEndedByErasure"/>, the shared views purged in the
/// same transaction), then every referral of the case records that its recipient lost access and its
/// sealed copy is erased (data key destroyed). A shared copy is not split by person (a summary names
/// both), so either subject's erasure ends all of it; the referrer may record a new consent and refer
/// again with what is left to share. Keyed on the case alone: after the case-organization check only
/// the case's own organization can name it, and a copy under any consent naming it could hold the
/// erased person's data. Each step is decided from its own stream, so a redelivery, a revocation or a
/// sweep racing this one changes nothing twice; a lost race fails the message, which is retried and
/// decided again on what the winner did.
/// </summary>
public sealed class EndSharingOnCaseSubjectErased(EventStore store, NpgsqlDataSource database, SchemaState schema, TimeProvider time)
    : IConsumer<CaseSubjectErased>
{
    public static readonly Actor Actor = Actor.System("referrals.end-sharing-on-case-subject-erased");

    public async Task Consume(ConsumeContext<CaseSubjectErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        await schema.Applied.WaitAsync(cancellationToken);
        var erased = context.Message;
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        var metadata = EventMetadata.For(Actor, (context.CorrelationId ?? messageId).ToString(), time.GetUtcNow(), causationId: messageId.ToString());

        foreach (var consentId in await Ids.ReadAsync(database, "select consent_id from consents where case_id = $1 and ended_at is null", cancellationToken,
            erased.CaseId))
        {
            var streamId = ConsentStreams.Id(consentId);
            var loaded = await store.LoadAsync(streamId, ConsentState.Initial, ConsentState.Evolve, cancellationToken: cancellationToken);
            var events = EndConsentOnErasure.Decide(new(erased.SubjectId, metadata.OccurredAt), loaded.State);
            if (events.Count > 0)
            {
                await store.AppendAsync(streamId, ExpectedVersion.Exactly(loaded.Version), [.. events.Select(EventToAppend.New)], metadata, cancellationToken);
            }
        }
        foreach (var referralId in await Ids.ReadAsync(database,
            "select referral_id from referrals where case_id = $1 and (not access_ended or not data_erased)", cancellationToken, erased.CaseId))
        {
            await AccessEndings.EndAsync(store, referralId, AccessEndReason.CaseDataErased, consentExpiredAt: null, metadata, cancellationToken);
        }
    }
}
