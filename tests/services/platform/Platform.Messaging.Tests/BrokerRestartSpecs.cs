using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Messaging.Tests;

/// <summary>
/// The forwarder against a broker of its own that the test stops and starts again while events are
/// appended: publishing stalls (and says so) while the broker is away, resumes when it is back, and
/// every public event reaches the consumer at least once.
/// </summary>
public class BrokerRestartSpecs(BrokerProfile broker, ITestOutputHelper output) : IClassFixture<BrokerProfile>
{
    [Fact]
    public async Task Forwards_every_event_across_a_broker_restart()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_broker_restart");
        await using var host = await ForwarderHost.StartAsync(database.ConnectionString, broker.AmqpUri, output);
        var log = new Appender(host.Store);
        var clock = Stopwatch.StartNew();

        await log.AppendAsync(600);
        await Task.WhenAll(broker.StopAsync(), log.AppendAsync(300));
        await log.AppendAsync(400);
        // Kept down until the forwarder's batch has failed at least once: it must give up on a
        // batch within its confirm timeout, not wait on the broker with nothing to show for it.
        var outage = await WaitForSubscriptionsAsync(host, HealthStatus.Degraded);
        await Task.WhenAll(broker.StartAsync(), log.AppendAsync(300));
        await log.AppendAsync(400);
        var appendedIn = clock.Elapsed;

        var expected = log.PublicEventIds;
        var missing = await host.Received.WaitForAsync(expected, TimeSpan.FromSeconds(120));

        output.WriteLine(
            $"appended {log.Count} events ({expected.Count} public) in {appendedIn.TotalSeconds:0.0} s, 400 of them while the broker "
            + $"was down; the consumer received {host.Received.Distinct} distinct messages with {host.Received.Duplicates} duplicate "
            + $"deliveries, {clock.Elapsed.TotalSeconds:0.0} s after the first append. While down: {outage.Status} {outage.Description}");
        outage.Status.ShouldBe(HealthStatus.Degraded, "the forwarder should report retrying while the broker is down");
        missing.ShouldBeEmpty($"{missing.Count} events never arrived, e.g. {string.Join(", ", missing.Take(5))}");
    }

    private static async Task<HealthReportEntry> WaitForSubscriptionsAsync(ForwarderHost host, HealthStatus status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var health = await host.SubscriptionsHealthAsync();
            if (health.Status == status || DateTime.UtcNow > deadline)
            {
                return health;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Concurrent writers appending small batches (four public events, one private), each to a new stream.</summary>
    private sealed class Appender(EventStore.EventStore store)
    {
        private const int EventsPerAppend = 5;
        private const int Writers = 4;
        private readonly ConcurrentQueue<Guid> publicEventIds = new();
        private int count;

        public int Count => Volatile.Read(ref count);

        public IReadOnlyList<Guid> PublicEventIds => [.. publicEventIds];

        /// <summary>Appends <paramref name="events"/> more events, spread over a moment rather than in one go.</summary>
        public Task AppendAsync(int events)
        {
            var target = Count + events;
            return Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
            {
                while (Interlocked.Add(ref count, EventsPerAppend) <= target)
                {
                    await AppendOneAsync();
                    await Task.Delay(TimeSpan.FromMilliseconds(10));
                }
                Interlocked.Add(ref count, -EventsPerAppend);
            }));
        }

        private async Task AppendOneAsync()
        {
            var widgetId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            var events = Enumerable.Range(1, EventsPerAppend)
                .Select(n => EventToAppend.New(n == EventsPerAppend
                    ? new WidgetInspected(widgetId, "looks fine", "writer", now)
                    : new WidgetCounted(widgetId, n, "writer", now)))
                .ToList();
            await store.AppendAsync(Widgets.StreamId(widgetId), ExpectedVersion.NoStream, events,
                EventMetadata.For(new Actor("client-writer", "org-1", null), Guid.CreateVersion7().ToString(), now));
            foreach (var appended in events.Where(e => e.Data is WidgetCounted))
            {
                publicEventIds.Enqueue(appended.EventId);
            }
        }
    }
}
