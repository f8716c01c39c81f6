using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Tests;

public sealed class SubscriptionSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly Guid thing = Guid.NewGuid();

    private static SubscriptionOptions Options(string name) => new(name)
    {
        BatchSize = 10,
        FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private async Task<List<Guid>> AppendManyAsync(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var append = EventToAppend.New(new ThingHappened(thing, i));
            await fixture.Store.AppendAsync(StoreFixture.NewStreamId(), ExpectedVersion.NoStream, [append], TestEvents.Metadata());
            ids.Add(append.EventId);
        }
        return ids;
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task running)
    {
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_restarted_subscription_continues_from_its_durable_checkpoint()
    {
        var name = $"durable-{Guid.NewGuid():N}";
        var first = new CollectingHandler();
        using var stopFirst = new CancellationTokenSource();
        var firstSubscription = fixture.NewSubscription(Options(name), first);
        var running = firstSubscription.RunAsync(stopFirst.Token);
        var before = await AppendManyAsync(25);
        var handled = await first.WaitUntilAsync(r => before.All(r.Select(e => e.EventId).Contains));
        // Handled in memory is not yet checkpointed: wait for the commit, or a stop would rightly redeliver.
        await WaitForAsync(() => firstSubscription.Checkpoint == handled[^1].Position);
        await StopAsync(stopFirst, running);

        var after = await AppendManyAsync(5);
        var second = new CollectingHandler();
        using var stopSecond = new CancellationTokenSource();
        running = fixture.NewSubscription(Options(name), second).RunAsync(stopSecond.Token);
        var received = await second.WaitUntilAsync(r => after.All(r.Select(e => e.EventId).Contains));
        await StopAsync(stopSecond, running);

        received.Select(e => e.EventId).Intersect(before).ShouldBeEmpty("what was checkpointed is not delivered again");
        received.Select(e => e.EventId).ShouldBe(after);
    }

    [Fact]
    public async Task A_failing_batch_is_retried_and_delivered_once_it_succeeds()
    {
        var handler = new CollectingHandler();
        handler.FailNext(3);
        using var stop = new CancellationTokenSource();
        var subscription = fixture.NewSubscription(Options($"retry-{Guid.NewGuid():N}"), handler);
        var running = subscription.RunAsync(stop.Token);

        var ids = await AppendManyAsync(3);
        var received = await handler.WaitUntilAsync(r => ids.All(r.Select(e => e.EventId).Contains));
        await StopAsync(stop, running);

        received.Select(e => e.EventId).Where(ids.Contains).ShouldBe(ids);
        handler.Attempts.ShouldBeGreaterThan(3);
        subscription.Failure.ShouldBeNull();
    }

    [Fact]
    public async Task Past_the_retry_limit_it_parks_at_the_failing_batch_and_skips_nothing_until_resumed()
    {
        var name = $"parking-{Guid.NewGuid():N}";
        var handler = new CollectingHandler();
        using var stop = new CancellationTokenSource();
        var subscription = fixture.NewSubscription(Options(name) with { ParkAfterAttempts = 3 }, handler);
        var running = subscription.RunAsync(stop.Token);
        var early = await AppendManyAsync(2);
        await handler.WaitUntilAsync(r => early.All(r.Select(e => e.EventId).Contains));

        handler.FailNext(int.MaxValue);
        var stuck = await AppendManyAsync(2);
        await WaitForAsync(() => subscription.Status == SubscriptionStatus.Parked);
        var later = await AppendManyAsync(2);
        await Task.Delay(300);

        subscription.Status.ShouldBe(SubscriptionStatus.Parked);
        subscription.Failure.ShouldNotBeNull().ShouldContain("failed on purpose");
        (await fixture.ScalarAsync($"select count(*) from subscriptions where name = '{name}' and status = 'parked'")).ShouldBe(1);
        handler.Received.Select(e => e.EventId).Intersect(stuck.Concat(later)).ShouldBeEmpty();

        handler.FailNext(0);
        (await new SubscriptionControl(fixture.DataSource, fixture.Watcher).ResumeAsync(name)).ShouldBeTrue();
        var received = await handler.WaitUntilAsync(r => later.All(r.Select(e => e.EventId).Contains));
        await StopAsync(stop, running);

        received.Select(e => e.EventId).Where(id => stuck.Contains(id) || later.Contains(id)).ShouldBe(stuck.Concat(later));
        subscription.Status.ShouldBe(SubscriptionStatus.Stopped);
    }

    [Fact]
    public async Task Only_one_instance_runs_a_subscription_and_a_standby_takes_over_when_it_stops()
    {
        var name = $"single-{Guid.NewGuid():N}";
        var firstHandler = new CollectingHandler();
        var secondHandler = new CollectingHandler();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = fixture.NewSubscription(Options(name), firstHandler);
        var runningFirst = first.RunAsync(stopFirst.Token);
        await WaitForAsync(() => first.Status == SubscriptionStatus.Active);
        var second = fixture.NewSubscription(Options(name), secondHandler);
        var runningSecond = second.RunAsync(stopSecond.Token);

        var before = await AppendManyAsync(10);
        await firstHandler.WaitUntilAsync(r => before.All(r.Select(e => e.EventId).Contains));
        second.Status.ShouldBe(SubscriptionStatus.Standby);
        secondHandler.Received.ShouldBeEmpty();

        await StopAsync(stopFirst, runningFirst);
        var after = await AppendManyAsync(10);
        var received = await secondHandler.WaitUntilAsync(r => after.All(r.Select(e => e.EventId).Contains));
        await StopAsync(stopSecond, runningSecond);

        received.Select(e => e.EventId).ShouldBe(after);
    }

    [Fact]
    public async Task Appends_through_another_store_wake_the_subscriber_by_notification()
    {
        // A second data source and watcher: to the subscriber, this is another process appending.
        await using var otherSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        var otherWatcher = StoreFixture.NewWatcher(otherSource);
        await otherWatcher.StartAsync(CancellationToken.None);
        var other = new EventStore(otherSource, TestEvents.Registry(), otherWatcher, [], new Platform.EventStore.Privacy.SubjectKeys(otherSource, masterKeys: null));
        var handler = new CollectingHandler();
        using var stop = new CancellationTokenSource();
        var subscription = fixture.NewSubscription(Options($"notified-{Guid.NewGuid():N}"), handler);
        var running = subscription.RunAsync(stop.Token);
        await WaitForAsync(() => subscription.Status == SubscriptionStatus.Active);
        await Task.Delay(200); // let it settle into waiting: from here on only a notification wakes it

        var append = EventToAppend.New(new ThingHappened(thing, 1));
        await other.AppendAsync(StoreFixture.NewStreamId(), ExpectedVersion.NoStream, [append], TestEvents.Metadata());
        var received = await handler.WaitUntilAsync(r => r.Any(e => e.EventId == append.EventId), TimeSpan.FromSeconds(10));

        await StopAsync(stop, running);
        await otherWatcher.StopAsync(CancellationToken.None);
        otherWatcher.Dispose();
        received.Select(e => e.EventId).ShouldContain(append.EventId);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        condition().ShouldBeTrue();
    }
}
