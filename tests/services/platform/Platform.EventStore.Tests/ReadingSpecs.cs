using System.Diagnostics;
using Platform.EventStore.Appending;
using Platform.EventStore.Reading;

namespace Platform.EventStore.Tests;

public sealed class ReadingSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly Guid thing = Guid.NewGuid();

    private async Task<string> StreamOfFive()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, [.. Enumerable.Range(1, 5).Select(n => (object)new ThingHappened(thing, n))]);
        return stream;
    }

    [Fact]
    public async Task A_stream_reads_forward_and_backward_between_versions()
    {
        var stream = await StreamOfFive();

        (await fixture.Store.ReadStreamAsync(stream, new StreamRead(FromVersion: 2, ToVersion: 4))).Select(e => e.StreamVersion).ShouldBe([2, 3, 4]);
        (await fixture.Store.ReadStreamAsync(stream, new StreamRead(ReadDirection.Backward, FromVersion: 4, ToVersion: 2))).Select(e => e.StreamVersion).ShouldBe([4, 3, 2]);
        (await fixture.Store.ReadStreamAsync(stream, StreamRead.Backward(maxCount: 2))).Select(e => e.StreamVersion).ShouldBe([5, 4]);
        (await fixture.Store.ReadStreamAsync(stream, StreamRead.UpToVersion(2))).Select(e => e.StreamVersion).ShouldBe([1, 2]);
        (await fixture.Store.ReadStreamAsync("thing-never-written")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stream_reads_as_it_stood_at_a_point_in_time()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));
        var then = (await fixture.Store.ReadStreamAsync(stream))[0].RecordedAt;
        await Task.Delay(20);
        await fixture.AppendAsync(stream, ExpectedVersion.Exactly(1), new ThingRenamed(thing, "later", "someone"));

        var asItStood = await fixture.Store.ReadStreamAsync(stream, StreamRead.AsItStoodAt(then));

        asItStood.Select(e => e.StreamVersion).ShouldBe([1]);
        (await fixture.Store.ReadStreamAsync(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task State_is_folded_from_the_stream_up_to_a_version()
    {
        var stream = await StreamOfFive();
        static int Evolve(int sum, object e) => e is ThingHappened happened ? sum + happened.Number : sum;

        var all = await fixture.Store.LoadAsync(stream, 0, Evolve);
        var early = await fixture.Store.LoadAsync(stream, 0, Evolve, StreamRead.UpToVersion(3));
        var none = await fixture.Store.LoadAsync("thing-never-written", 0, Evolve);

        all.ShouldBe(new Reading.StreamState<int>(15, 5));
        early.ShouldBe(new Reading.StreamState<int>(6, 3));
        none.ShouldBe(new Reading.StreamState<int>(0, 0));
    }

    [Fact]
    public async Task Metadata_round_trips_with_every_field()
    {
        using var source = new ActivitySource("tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var request = source.StartActivity("request")!;
        var occurredAt = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        var metadata = EventMetadata.For(new Actor("school-app", "org-riverside", "teacher-42"), "corr-1", occurredAt, causationId: "cmd-9");
        var stream = StoreFixture.NewStreamId();

        var appended = EventToAppend.New(new ThingHappened(thing, 1));
        await fixture.Store.AppendAsync(stream, ExpectedVersion.NoStream, [appended], metadata);
        var stored = (await fixture.Store.ReadStreamAsync(stream)).Single();

        stored.EventId.ShouldBe(appended.EventId);
        stored.EventType.ShouldBe("tests.thing-happened.v1");
        stored.Data.ShouldBe(new ThingHappened(thing, 1));
        stored.Metadata.ShouldBe(metadata with { Traceparent = stored.Metadata.Traceparent });
        // The append's own span, a child of the request: same trace, its own span id.
        stored.Metadata.Traceparent.ShouldNotBeNull().ShouldContain(request.TraceId.ToHexString());
        stored.Metadata.Traceparent.ShouldNotBe(request.Id);
        stored.RecordedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task The_global_log_reads_every_committed_event_in_order()
    {
        var first = StoreFixture.NewStreamId();
        var second = StoreFixture.NewStreamId();
        await fixture.AppendAsync(first, ExpectedVersion.NoStream, new ThingHappened(thing, 1));
        await fixture.AppendAsync(second, ExpectedVersion.NoStream, new ThingHappened(thing, 2), new ThingHappened(thing, 3));
        await fixture.AppendAsync(first, ExpectedVersion.Exactly(1), new ThingClosed(thing, "done"));

        var log = new List<RecordedEvent>();
        await foreach (var recorded in fixture.Store.ReadAllAsync(pageSize: 2))
        {
            log.Add(recorded);
        }

        var ours = log.Where(e => e.StreamId == first || e.StreamId == second).ToList();
        ours.Select(e => (e.StreamId, e.StreamVersion)).ShouldBe([(first, 1L), (second, 1L), (second, 2L), (first, 2L)]);
        log.Select(e => e.Position).ShouldBeInOrder();
        log.Select(e => e.EventId).Distinct().Count().ShouldBe(log.Count);
    }
}
