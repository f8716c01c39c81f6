using Platform.EventStore.Appending;
using Platform.EventStore.Types;

namespace Platform.EventStore.Tests;

public sealed class AppendingSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly Guid thing = Guid.NewGuid();

    [Fact]
    public async Task Starting_a_stream_then_appending_at_its_version_succeeds()
    {
        var stream = StoreFixture.NewStreamId();

        var started = await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));
        var next = await fixture.AppendAsync(stream, ExpectedVersion.Exactly(1), new ThingHappened(thing, 2), new ThingHappened(thing, 3));

        started.StreamVersion.ShouldBe(1);
        next.StreamVersion.ShouldBe(3);
        next.AlreadyAppended.ShouldBeFalse();
        (await fixture.Store.ReadStreamAsync(stream)).Select(e => e.StreamVersion).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public async Task An_event_of_a_few_kilobytes_is_stored_as_written_not_compressed()
    {
        var stream = StoreFixture.NewStreamId();
        // Very compressible, so the default toasting would have compressed it.
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingRenamed(thing, new string('n', 4000), "someone"));

        var stored = await fixture.ScalarAsync($"select pg_column_size(data) from events where stream_id = '{stream}'");
        var written = await fixture.ScalarAsync($"select octet_length(data::text) from events where stream_id = '{stream}'");

        written.ShouldBeGreaterThan(4000);
        stored.ShouldBeGreaterThanOrEqualTo(written);
    }

    [Fact]
    public async Task Of_concurrent_appends_at_the_same_expected_version_exactly_one_wins()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 0));

        var attempts = await Task.WhenAll(Enumerable.Range(1, 24).Select(async n =>
        {
            try
            {
                await fixture.AppendAsync(stream, ExpectedVersion.Exactly(1), new ThingHappened(thing, n));
                return (Won: true, Actual: 0L);
            }
            catch (WrongExpectedVersionException conflict)
            {
                return (Won: false, Actual: conflict.ActualVersion);
            }
        }));

        attempts.Count(a => a.Won).ShouldBe(1);
        attempts.Where(a => !a.Won).ShouldAllBe(a => a.Actual == 2);
        (await fixture.Store.ReadStreamAsync(stream)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_naming_the_actual_version()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1), new ThingHappened(thing, 2));

        var conflict = await Should.ThrowAsync<WrongExpectedVersionException>(
            () => fixture.AppendAsync(stream, ExpectedVersion.Exactly(1), new ThingHappened(thing, 3)));

        conflict.ActualVersion.ShouldBe(2);
        conflict.StreamId.ShouldBe(stream);
    }

    [Fact]
    public async Task An_expected_version_ahead_of_the_stream_is_a_conflict_and_leaves_no_gap()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));

        var conflict = await Should.ThrowAsync<WrongExpectedVersionException>(
            () => fixture.AppendAsync(stream, ExpectedVersion.Exactly(5), new ThingHappened(thing, 7)));

        conflict.ActualVersion.ShouldBe(1);
        (await fixture.Store.ReadStreamAsync(stream)).Select(e => e.StreamVersion).ShouldBe([1]);
    }

    [Fact]
    public async Task Starting_a_stream_that_exists_is_a_conflict()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));

        await Should.ThrowAsync<WrongExpectedVersionException>(
            () => fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1)));
    }

    [Fact]
    public async Task Appending_the_same_event_ids_again_is_a_no_op_even_after_the_stream_moved_on()
    {
        var stream = StoreFixture.NewStreamId();
        EventToAppend[] first = [EventToAppend.New(new ThingHappened(thing, 1)), EventToAppend.New(new ThingHappened(thing, 2))];
        await fixture.Store.AppendAsync(stream, ExpectedVersion.NoStream, first, TestEvents.Metadata());

        var retry = await fixture.Store.AppendAsync(stream, ExpectedVersion.NoStream, first, TestEvents.Metadata());
        await fixture.AppendAsync(stream, ExpectedVersion.Exactly(2), new ThingClosed(thing, "done"));
        var lateRetry = await fixture.Store.AppendAsync(stream, ExpectedVersion.NoStream, first, TestEvents.Metadata());

        retry.AlreadyAppended.ShouldBeTrue();
        lateRetry.AlreadyAppended.ShouldBeTrue();
        lateRetry.StreamVersion.ShouldBe(3);
        var stored = await fixture.Store.ReadStreamAsync(stream);
        stored.Count.ShouldBe(3);
        stored.Take(2).Select(e => e.EventId).ShouldBe([first[0].EventId, first[1].EventId]);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_append_store_it_once()
    {
        var stream = StoreFixture.NewStreamId();
        EventToAppend[] append = [EventToAppend.New(new ThingHappened(thing, 1))];

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            fixture.Store.AppendAsync(stream, ExpectedVersion.NoStream, append, TestEvents.Metadata())));

        results.Count(r => !r.AlreadyAppended).ShouldBe(1);
        results.ShouldAllBe(r => r.StreamVersion == 1);
        (await fixture.Store.ReadStreamAsync(stream)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_event_id_already_used_in_another_stream_is_refused()
    {
        var reused = EventToAppend.New(new ThingHappened(thing, 1));
        await fixture.Store.AppendAsync(StoreFixture.NewStreamId(), ExpectedVersion.NoStream, [reused], TestEvents.Metadata());
        var other = StoreFixture.NewStreamId();

        await Should.ThrowAsync<DuplicateEventIdException>(
            () => fixture.Store.AppendAsync(other, ExpectedVersion.NoStream, [reused], TestEvents.Metadata()));
        (await fixture.Store.ReadStreamAsync(other)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Appends_at_any_version_under_contention_all_land_with_contiguous_versions()
    {
        var stream = StoreFixture.NewStreamId();

        await Task.WhenAll(Enumerable.Range(1, 16).Select(n => fixture.AppendAsync(stream, ExpectedVersion.Any, new ThingHappened(thing, n))));

        var events = await fixture.Store.ReadStreamAsync(stream);
        events.Select(e => e.StreamVersion).ShouldBe(Enumerable.Range(1, 16).Select(v => (long)v));
        events.Select(e => ((ThingHappened)e.Data).Number).Order().ShouldBe(Enumerable.Range(1, 16));
    }

    [Fact]
    public async Task An_unregistered_event_type_is_refused_before_anything_is_stored()
    {
        var stream = StoreFixture.NewStreamId();

        await Should.ThrowAsync<UnknownEventTypeException>(
            () => fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1), new UnregisteredThing(thing)));

        (await fixture.Store.ReadStreamAsync(stream)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Appends_in_a_store_transaction_commit_or_roll_back_with_the_callers_own_writes()
    {
        var kept = StoreFixture.NewStreamId();
        var dropped = StoreFixture.NewStreamId();
        await fixture.ScalarAsync("create table if not exists side_effects (stream_id text primary key)");

        await Should.ThrowAsync<InvalidOperationException>(() => fixture.Store.InTransactionAsync<int>(async (transaction, token) =>
        {
            await transaction.AppendAsync(dropped, ExpectedVersion.NoStream, [EventToAppend.New(new ThingHappened(thing, 1))], TestEvents.Metadata(), token);
            await SideEffectAsync(transaction, dropped);
            throw new InvalidOperationException("the caller changed its mind");
        }));
        await fixture.Store.InTransactionAsync(async (transaction, token) =>
        {
            await transaction.AppendAsync(kept, ExpectedVersion.NoStream, [EventToAppend.New(new ThingHappened(thing, 1))], TestEvents.Metadata(), token);
            return await SideEffectAsync(transaction, kept);
        });

        (await fixture.Store.ReadStreamAsync(kept)).Count.ShouldBe(1);
        (await fixture.Store.ReadStreamAsync(dropped)).ShouldBeEmpty();
        (await fixture.ScalarAsync($"select count(*) from side_effects where stream_id in ('{kept}', '{dropped}')")).ShouldBe(1);
    }

    [Fact]
    public async Task A_conflict_inside_a_store_transaction_is_a_conflict_and_nothing_of_it_is_stored()
    {
        var stream = StoreFixture.NewStreamId();
        await fixture.AppendAsync(stream, ExpectedVersion.NoStream, new ThingHappened(thing, 1));
        var other = StoreFixture.NewStreamId();

        var conflict = await Should.ThrowAsync<WrongExpectedVersionException>(() => fixture.Store.InTransactionAsync(async (transaction, token) =>
        {
            await transaction.AppendAsync(other, ExpectedVersion.NoStream, [EventToAppend.New(new ThingHappened(thing, 1))], TestEvents.Metadata(), token);
            return await transaction.AppendAsync(stream, ExpectedVersion.NoStream, [EventToAppend.New(new ThingHappened(thing, 2))], TestEvents.Metadata(), token);
        }));

        conflict.ActualVersion.ShouldBe(1);
        (await fixture.Store.ReadStreamAsync(other)).ShouldBeEmpty();
    }

    private static async Task<int> SideEffectAsync(EventStoreTransaction transaction, string streamId)
    {
        await using var insert = new Npgsql.NpgsqlCommand("insert into side_effects (stream_id) values ($1)", transaction.Connection);
        insert.Parameters.AddWithValue(streamId);
        return await insert.ExecuteNonQueryAsync();
    }
}
