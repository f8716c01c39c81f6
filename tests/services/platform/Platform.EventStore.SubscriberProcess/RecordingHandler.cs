using Npgsql;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.SubscriberProcess;

public sealed record ThingHappened(Guid ThingId, int Number);

/// <summary>Writes who handled each event into <c>handled</c> (created by the test), counting any repeat.</summary>
public sealed class RecordingHandler(IConfiguration configuration) : ISubscriptionHandler
{
    private readonly string label = configuration["Subscriber:Label"] ?? "unnamed";

    public async Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var record = new NpgsqlCommand("""
            insert into handled (event_id, handled_by) select unnest($1::uuid[]), $2
            on conflict (event_id) do update set duplicates = handled.duplicates + 1
            """, connection);
        record.Parameters.AddWithValue(events.Select(e => e.EventId).ToArray());
        record.Parameters.AddWithValue(label);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }
}
