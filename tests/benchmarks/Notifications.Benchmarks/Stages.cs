using Dapper;
using Npgsql;

namespace Notifications.Benchmarks;

/// <summary>
/// Where each webhook's time went, from what the service wrote down: published → recorded (broker and
/// consumer), recorded → sent (the worker picking it up), sent → received (the HTTP call). Wall clock
/// times of one machine, so the stages of one event line up with the bench's own.
/// </summary>
public sealed record Stages(List<double> PublishedToRecorded, List<double> RecordedToSent, List<double> SentToReceived, int Retried)
{
    public static async Task<Stages> MeasureAsync(
        string connectionString, IReadOnlyDictionary<string, DateTimeOffset> published, IReadOnlyDictionary<string, DateTimeOffset> received)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        // The first attempt of each notification: attempted_at is when the call ended, latency how long it took.
        var rows = await connection.QueryAsync<(Guid Id, DateTime RecordedAt, DateTime AttemptedAt, double LatencyMs, int Attempts)>("""
            select n.id, n.created_at, a.attempted_at, a.latency_ms, d.attempts
            from notifications n join deliveries d on d.notification_id = n.id
            join lateral (select attempted_at, latency_ms from delivery_attempts where delivery_id = d.id order by id limit 1) a on true
            """);
        var stages = new Stages([], [], [], 0);
        var retried = 0;
        foreach (var row in rows)
        {
            var id = row.Id.ToString();
            if (!published.TryGetValue(id, out var publishedAt) || !received.TryGetValue(id, out var receivedAt))
            {
                continue;
            }
            var recordedAt = Utc(row.RecordedAt);
            var sentAt = Utc(row.AttemptedAt) - TimeSpan.FromMilliseconds(row.LatencyMs);
            stages.PublishedToRecorded.Add((recordedAt - publishedAt).TotalMilliseconds);
            stages.RecordedToSent.Add((sentAt - recordedAt).TotalMilliseconds);
            stages.SentToReceived.Add((receivedAt - sentAt).TotalMilliseconds);
            retried += row.Attempts > 1 ? 1 : 0;
        }
        return stages with { Retried = retried };
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
