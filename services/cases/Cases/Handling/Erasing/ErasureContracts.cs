using Platform.EventStore;
using Platform.EventStore.Privacy;
using Platform.Messaging.Forwarding;
using Public = Cases.Contracts;

namespace Cases.Handling.Erasing;

/// <summary>
/// An erasure leaves cases as <see cref="Public.CaseSubjectErased"/>: the store's own
/// <see cref="SubjectErased"/> on a case's stream (appended with the key's destruction, in one
/// transaction) is the event, so the announcement can never be lost between the erasure and a
/// second append. Ids and time only; the erasure's ground stays in cases.
/// </summary>
public static class ErasureContracts
{
    public static IntegrationEventMap PublishSubjectErasures(this IntegrationEventMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Publish<SubjectErased>((e, recorded) =>
            new Public.CaseSubjectErased(CaseOf(recorded), OrganizationOf(recorded), Guid.Parse(e.SubjectId), e.ErasedAt));
    }

    // Cases erases only through a case's stream (POST /api/cases/{caseId}/erasures).
    private static Guid CaseOf(RecordedEvent recorded) =>
        Guid.TryParse(recorded.StreamId.AsSpan(Math.Max(0, recorded.StreamId.Length - 36)), out var caseId) && CaseStreams.Id(caseId) == recorded.StreamId
            ? caseId
            : throw new InvalidOperationException($"Event {recorded.EventId} erases a subject through '{recorded.StreamId}', which is not a case's stream.");

    /// <summary>
    /// The handling organization: only its own caseworkers reach the erasure route (its organization
    /// check lets no one else in, and auditors only read), so the erasure's actor is of the case's
    /// organization. Consumers key on the case id; an actor without an organization (none erases
    /// that way today) is published as the empty id rather than holding up every later event.
    /// </summary>
    private static Guid OrganizationOf(RecordedEvent recorded) =>
        Guid.TryParse(recorded.Metadata.Actor.OrganizationId, out var organizationId) ? organizationId : Guid.Empty;
}
