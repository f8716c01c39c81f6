using System.Collections.Concurrent;
using Platform.EventStore.Appending;
using Platform.EventStore.Subscriptions;
using Xunit.Abstractions;

namespace Platform.EventStore.Tests;

/// <summary>
/// The failure that made Marten's daemon skip events for years: positions are taken at insert
/// time but transactions commit out of order, roll back, or stay open. A reader must neither skip
/// a committed event, nor see one that rolled back, nor decide by timer that a gap is empty.
/// </summary>
public sealed class GapSafeSubscriptionSpecs(StoreFixture fixture, ITestOutputHelper output) : IClassFixture<StoreFixture>
{
    private const int Writers = 16;
    private const int AppendsPerWriter = 60;

    [Fact]
    public async Task A_subscriber_receives_every_committed_event_exactly_once_in_commit_consistent_order_and_none_rolled_back()
    {
        var handler = new CollectingHandler();
        var subscription = fixture.NewSubscription(new SubscriptionOptions("gap-safe-stress") { BatchSize = 50 }, handler);
        using var stop = new CancellationTokenSource();
        var running = subscription.RunAsync(stop.Token);

        var committed = new ConcurrentBag<Guid>();
        var rolledBack = new ConcurrentBag<Guid>();
        var slowStream = StoreFixture.NewStreamId();
        var slowEvent = EventToAppend.New(new ThingClosed(Guid.NewGuid(), "held open for seconds"));

        // One transaction appends early and stays open for seconds while everyone else commits after it.
        var slow = Task.Run(async () =>
        {
            await fixture.Store.InTransactionAsync(async (transaction, token) =>
            {
                var appended = await transaction.AppendAsync(slowStream, ExpectedVersion.NoStream, [slowEvent], TestEvents.Metadata(), token);
                await Task.Delay(TimeSpan.FromSeconds(4), token);
                return appended;
            });
            committed.Add(slowEvent.EventId);
        });
        await Task.Delay(200);

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            var stream = StoreFixture.NewStreamId();
            var version = 0L;
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                var batch = Enumerable.Range(0, random.Next(1, 4)).Select(_ => EventToAppend.New(new ThingHappened(Guid.NewGuid(), i))).ToArray();
                var rollBack = random.NextDouble() < 0.25;
                try
                {
                    await fixture.Store.InTransactionAsync(async (transaction, token) =>
                    {
                        var appended = await transaction.AppendAsync(stream, ExpectedVersion.Exactly(version), batch, TestEvents.Metadata(), token);
                        await Task.Delay(random.Next(0, 3), token);
                        return rollBack ? throw new RolledBackOnPurposeException() : appended;
                    });
                    version += batch.Length;
                    foreach (var e in batch)
                    {
                        committed.Add(e.EventId);
                    }
                }
                catch (RolledBackOnPurposeException)
                {
                    foreach (var e in batch)
                    {
                        rolledBack.Add(e.EventId);
                    }
                }
            }
        })).ToList();
        await Task.WhenAll(writers.Append(slow));

        var expected = committed.ToHashSet();
        var received = await handler.WaitUntilAsync(r => r.Count >= expected.Count, TimeSpan.FromSeconds(90));
        await Task.Delay(300); // anything beyond the expected count would be a duplicate or a rolled-back event
        received = handler.Received;
        await stop.CancelAsync();
        await running;

        output.WriteLine($"committed {expected.Count}, rolled back {rolledBack.Count}, received {received.Count}");
        received.Select(e => e.EventId).ShouldBeUnique();
        received.Select(e => e.EventId).ToHashSet().SetEquals(expected).ShouldBeTrue("every committed event, and only those, must arrive");
        received.Select(e => e.EventId).Intersect(rolledBack).ShouldBeEmpty();
        received.Select(e => e.Position).ShouldBeInOrder();
        foreach (var stream in received.GroupBy(e => e.StreamId))
        {
            stream.Select(e => e.StreamVersion).ShouldBe(Enumerable.Range(1, stream.Count()).Select(v => (long)v), $"stream {stream.Key} in version order");
        }
        // The slow transaction began first, so the log orders its event first among these.
        received.Select(e => e.EventId).ShouldContain(slowEvent.EventId);
        received.First(e => e.StreamId == slowStream).Position.ShouldBeLessThan(received.Where(e => e.StreamId != slowStream).Min(e => e.Position));
    }
}

internal sealed class RolledBackOnPurposeException : Exception;
