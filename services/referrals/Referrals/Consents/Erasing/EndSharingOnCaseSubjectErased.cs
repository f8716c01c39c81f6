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
/// decided again on what the winner did. Once every step is done the message id (the erasure's event
/// id in cases) is recorded as handled, so the same erasure published again later (cases' forwarder
/// replayed, say) does not end the consents and referrals recorded since, with data the referrer
/// shared anew.
/// </summary>
public sealed class EndSharingOnCaseSubjectErased(EventStore store, NpgsqlDataSource database, SchemaState schema, TimeProvider time)
    : IConsumer<CaseSubjectErased>
{
    public static readonly Actor Actor = Actor.System("referrals.end-sharing-on-case-subject-erased");

    public static readonly SchemaMigration Migration = new("referrals-0004-case-erasures-handled", """
        create table case_erasures_handled (
            message_id uuid primary key,
            case_id uuid not null,
            handled_at timestamptz not null default now());
        comment on table case_erasures_handled is
            'Erasures of case subjects (cases'' CaseSubjectErased, by message id) whose consents and referrals are all ended. Ids and times only.';
        """);

    public async Task Consume(ConsumeContext<CaseSubjectErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        await schema.Applied.WaitAsync(cancellationToken);
        var erased = context.Message;
        var messageId = context.MessageId ?? Guid.CreateVersion7();
        if (await HandledAsync(messageId, cancellationToken))
        {
            return;
        }
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
        await RecordHandledAsync(messageId, erased.CaseId, cancellationToken);
    }

    /// <summary>Whether this erasure (its message id) was handled to the end already.</summary>
    private async Task<bool> HandledAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select exists (select from case_erasures_handled where message_id = $1)");
        command.Parameters.Add(new() { Value = messageId });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private async Task RecordHandledAsync(Guid messageId, Guid caseId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "insert into case_erasures_handled (message_id, case_id) values ($1, $2) on conflict (message_id) do nothing");
        command.Parameters.Add(new() { Value = messageId });
        command.Parameters.Add(new() { Value = caseId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
