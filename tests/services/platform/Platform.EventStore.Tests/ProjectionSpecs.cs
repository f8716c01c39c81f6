using System.Collections.Concurrent;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Projections;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Tests;

public sealed class ProjectionSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task An_inline_projection_is_visible_right_after_the_append_and_a_failing_one_fails_the_append()
    {
        await fixture.ScalarAsync(ThingNames.CreateTableSql);
        var names = new ThingNames();
        var store = fixture.NewStore(names);
        var thing = Guid.NewGuid();
        var stream = StoreFixture.NewStreamId();

        await store.AppendAsync(stream, ExpectedVersion.NoStream, [EventToAppend.New(new ThingRenamed(thing, "first", "me"))], TestEvents.Metadata());
        var afterWrite = await fixture.ScalarAsync($"select count(*) from thing_names where thing_id = '{thing}' and name = 'first'");
        names.FailOnPurpose = true;
        await Should.ThrowAsync<PostgresException>(() =>
            store.AppendAsync(stream, ExpectedVersion.Exactly(1), [EventToAppend.New(new ThingRenamed(thing, "second", "me"))], TestEvents.Metadata()));

        afterWrite.ShouldBe(1);
        (await store.ReadStreamAsync(stream)).Count.ShouldBe(1, "nothing is stored that the inline model does not show");
        (await fixture.ScalarAsync($"select count(*) from thing_names where thing_id = '{thing}' and name = 'first'")).ShouldBe(1);
    }

    [Fact]
    public async Task An_append_that_stores_nothing_changes_no_inline_model_in_its_own_transaction_or_the_callers()
    {
        await fixture.ScalarAsync(ThingNames.CreateTableSql);
        var store = fixture.NewStore(new ThingNames());
        var thing = Guid.NewGuid();
        var stream = StoreFixture.NewStreamId();
        var first = EventToAppend.New(new ThingRenamed(thing, "first", "me"));
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [first], TestEvents.Metadata());
        // The projection's statements are built before the append runs: these would overwrite the name.
        var retried = first with { Data = new ThingRenamed(thing, "retried", "me") };
        var ahead = EventToAppend.New(new ThingRenamed(thing, "ahead", "me"));

        var ownRetry = await store.AppendAsync(stream, ExpectedVersion.NoStream, [retried], TestEvents.Metadata());
        // Ahead of the stream: fails in the database with the projection's statement, and its known ids make it a retry.
        var ownRetryAhead = await store.AppendAsync(stream, ExpectedVersion.Exactly(5), [retried], TestEvents.Metadata());
        var callersRetry = await store.InTransactionAsync((transaction, token) =>
            transaction.AppendAsync(stream, ExpectedVersion.NoStream, [retried], TestEvents.Metadata(), token));
        await Should.ThrowAsync<WrongExpectedVersionException>(() =>
            store.AppendAsync(stream, ExpectedVersion.Exactly(5), [ahead], TestEvents.Metadata()));

        ownRetry.AlreadyAppended.ShouldBeTrue();
        ownRetryAhead.AlreadyAppended.ShouldBeTrue();
        callersRetry.AlreadyAppended.ShouldBeTrue();
        (await fixture.ScalarAsync($"select count(*) from thing_names where thing_id = '{thing}' and name = 'first'")).ShouldBe(1);
        (await store.ReadStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Rebuilding_replaces_the_live_tables_only_once_caught_up_while_writes_and_the_live_projection_go_on()
    {
        var projection = new StreamSummaries();
        await ProjectionSubscription.EnsureTablesAsync(fixture.DataSource, projection, CancellationToken.None);
        using var stopLive = new CancellationTokenSource();
        var live = fixture.NewSubscription(new SubscriptionOptions(ProjectionSubscription.SubscriptionName(projection)), new ProjectionSubscription(projection));
        var runningLive = live.RunAsync(stopLive.Token);

        var streams = Enumerable.Range(0, 40).Select(_ => StoreFixture.NewStreamId()).ToArray();
        var versions = new ConcurrentDictionary<string, long>();
        async Task WriteAsync(int rounds)
        {
            for (var round = 0; round < rounds; round++)
            {
                await Task.WhenAll(streams.Select(async stream =>
                {
                    var version = versions.GetOrAdd(stream, 0);
                    await fixture.AppendAsync(stream, ExpectedVersion.Exactly(version), new ThingHappened(Guid.NewGuid(), round), new ThingHappened(Guid.NewGuid(), round));
                    versions[stream] = version + 2;
                }));
            }
        }
        await WriteAsync(10);
        // Corrupt the live model, as a bug would: the rebuild must repair it from the log. Done once
        // the live projection is idle, so this test's own update does not race its upserts.
        await WaitUntilSummariesCountAsync(await fixture.ScalarAsync("select count(*) from events where stream_id like 'thing-%'"));
        await fixture.ScalarAsync("update stream_summaries set events = -1");

        var reports = new ConcurrentQueue<RebuildProgress>();
        var rebuilder = new ProjectionRebuilder(fixture.Store, fixture.Watcher);
        var writing = WriteAsync(10);
        var final = await rebuilder.RebuildAsync(projection, new SyncProgress(reports.Enqueue), batchSize: 100);
        await writing;
        await WriteAsync(1);

        var expectedTotal = await fixture.ScalarAsync("select count(*) from events where stream_id like 'thing-%'");
        await WaitUntilSummariesCountAsync(expectedTotal);
        await stopLive.CancelAsync();
        await runningLive;

        final.Swapped.ShouldBeTrue();
        reports.ShouldNotBeEmpty();
        reports.Select(r => r.EventsDone).ShouldBeInOrder();
        reports.ShouldAllBe(r => r.EventsPerSecond > 0 && r.EventsTotal >= r.EventsDone);
        (await fixture.ScalarAsync("select count(*) from stream_summaries where events < 0")).ShouldBe(0, "the corrupted rows are gone");
        foreach (var stream in streams)
        {
            (await fixture.ScalarAsync($"select events from stream_summaries where stream_id = '{stream}'")).ShouldBe(versions[stream]);
        }
        (await fixture.ScalarAsync("select coalesce(sum(events), 0) from stream_summaries")).ShouldBe(expectedTotal);
        (await fixture.ScalarAsync("select count(*) from pg_tables where tablename like 'stream_summaries%'")).ShouldBe(1);
    }

    private async Task WaitUntilSummariesCountAsync(long events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await fixture.ScalarAsync("select coalesce(sum(events), 0) from stream_summaries") != events && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post them out of order.</summary>
    private sealed class SyncProgress(Action<RebuildProgress> report) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => report(value);
    }
}
