using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// A read model updated in the append's own transaction: a read right after a write sees it,
/// and a failing projection fails the append (nothing is stored that the model does not show).
/// </summary>
public interface IInlineProjection
{
    bool AppliesTo(string eventType);

    Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}
