using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// A read model updated in the append's own transaction: a read right after a write sees it,
/// and a failing projection fails the append (nothing is stored that the model does not show).
/// </summary>
public interface IInlineProjection
{
    bool AppliesTo(string eventType);

    /// <summary>
    /// The statements that bring the model up to date with <paramref name="events"/> (those it applies
    /// to, in stream order). They travel with the append, in its transaction and usually its round
    /// trip, so they are built before the events are stored: the events' recorded time is the
    /// transaction's <c>now()</c>, which the statements use for it.
    /// </summary>
    IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events);
}

/// <summary>An event as an inline projection sees it: its place in its stream and what it says.</summary>
public sealed record AppendingEvent(string StreamId, long StreamVersion, Guid EventId, string EventType, object Data);
