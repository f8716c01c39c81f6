using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;

namespace Platform.EventStore.Tests.Integrity;

/// <summary>
/// Tampering behind the store's back (plain SQL on its tables) is found by verification, which
/// names the stream and version. Each test tampers with a store of its own.
/// </summary>
public sealed class IntegritySpecs : IAsyncLifetime
{
    private readonly TamperedStore store = new();

    private string Stream => store.Stream;

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task An_untouched_store_verifies_with_its_checkpoints()
    {
        await store.Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(5), new ThingClosed(Guid.NewGuid(), "after the checkpoint"));
        var second = await store.CheckpointAsync();

        var report = await store.VerifyAsync();

        report.Intact.ShouldBeTrue(string.Join("; ", report.Breaks));
        report.EventsChecked.ShouldBe(9);
        report.StreamsChecked.ShouldBe(2);
        report.CheckpointsChecked.ShouldBe(2);
        second!.Sequence.ShouldBe(2);
        second.EventCount.ShouldBe(9);
        second.StreamCount.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_writers_and_appends_sharing_a_transaction_leave_a_store_that_verifies()
    {
        var thing = Guid.NewGuid();
        // Any-version writers racing on one stream (retries), and two appends in one transaction
        // (one recorded time, the second chained to the first's head).
        await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await store.Fixture.AppendAsync(Stream, ExpectedVersion.Any, new ThingHappened(thing, writer * 100 + i), new ThingHappened(thing, -1));
            }
        })));
        await store.Fixture.Store.InTransactionAsync(async (transaction, token) =>
        {
            var first = await transaction.AppendAsync(store.Other, ExpectedVersion.Exactly(3), [EventToAppend.New(new ThingHappened(thing, 1))], TestEvents.Metadata(), token);
            return await transaction.AppendAsync(store.Other, ExpectedVersion.Exactly(first.StreamVersion),
                [EventToAppend.New(new ThingHappened(thing, 2)), EventToAppend.New(new ThingHappened(thing, 3))], TestEvents.Metadata(), token);
        });
        await store.CheckpointAsync();

        var report = await store.VerifyAsync();

        report.Intact.ShouldBeTrue(string.Join("; ", report.Breaks));
        report.EventsChecked.ShouldBe(8 + (16 * 5 * 2) + 3);
    }

    [Fact]
    public async Task Verifying_one_stream_does_not_trust_a_heads_table_edited_to_hide_a_deleted_tail()
    {
        await store.TamperAsync("delete from events where stream_id = '{stream}' and stream_version = 5");
        await store.TamperAsync("update integrity_checkpoint_heads set stream_version = 4, hash = (select hash from events where stream_id = '{stream}' and stream_version = 4) where stream_id = '{stream}'");

        var report = await IntegrityVerifier.VerifyStreamAsync(store.Fixture.DataSource, store.Keys, Stream);

        report.Breaks.ShouldContain(new IntegrityBreak("checkpoint", 1, "its recorded stream heads do not match its signed Merkle root"));
    }

    [Fact]
    public async Task A_checkpoint_with_nothing_new_is_not_taken_again()
    {
        await using var connection = await store.Fixture.DataSource.OpenConnectionAsync();
        var first = (await Checkpoints.ReadAllAsync(connection, CancellationToken.None)).Single();

        var again = await store.CheckpointAsync();

        again!.Sequence.ShouldBe(first.Sequence);
        again.DigestHex.ShouldBe(first.DigestHex);
    }

    [Fact]
    public async Task Editing_an_events_data_is_found_at_its_version()
    {
        await store.TamperAsync("""update events set data = '{"thingId":"00000000-0000-0000-0000-000000000000","name":"Eve","renamedBy":"me"}' where stream_id = '{stream}' and stream_version = 3""");

        var breaks = (await store.VerifyAsync()).Breaks;

        // Version 4, appended with it, links to the link stored as 3's hash: it still verifies.
        breaks.ShouldHaveSingleItem().ShouldBe(new IntegrityBreak(Stream, 3, "its stored bytes do not match its hash (changed after it was written)"));
    }

    [Fact]
    public async Task Editing_the_recorded_time_of_an_event_inside_an_append_is_found()
    {
        await store.TamperAsync("update events set recorded_at = recorded_at - interval '1 day' where stream_id = '{stream}' and stream_version = 3");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldContain(b => b.StreamId == Stream && b.Version == 3 && b.Reason.Contains("recorded time"));
        breaks.ShouldAllBe(b => b.StreamId == Stream && b.Version >= 3 && b.Version <= 4);
    }

    [Fact]
    public async Task Editing_an_events_metadata_or_recorded_time_is_found()
    {
        await store.TamperAsync("""update events set metadata = replace(metadata::text, 'test-client', 'someone-else')::json where stream_id = '{stream}' and stream_version = 1""");
        await store.TamperAsync("update events set recorded_at = recorded_at - interval '1 day' where stream_id = '{stream}' and stream_version = 5");

        (await store.VerifyAsync()).Breaks.Select(b => (b.StreamId, b.Version)).ShouldBe([(Stream, 1L), (Stream, 5L)]);
    }

    [Fact]
    public async Task Deleting_an_event_in_the_middle_is_found_where_the_gap_is()
    {
        await store.TamperAsync("delete from events where stream_id = '{stream}' and stream_version = 3");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.Where(b => b.StreamId == Stream).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            b => b.Version.ShouldBe(4), b => b.Reason.ShouldContain("versions 3 to 3 are missing"));
        breaks.ShouldContain(new IntegrityBreak("checkpoint", 1, "it covers 8 events, the store now has 7 of them (events were deleted or inserted)"));
    }

    [Fact]
    public async Task Deleting_the_tail_of_a_stream_is_found_by_the_checkpoint()
    {
        await store.TamperAsync("delete from events where stream_id = '{stream}' and stream_version >= 4");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldContain(new IntegrityBreak(Stream, 4, "versions 4 to 5 were deleted (checkpoint 1 recorded version 5)"));
    }

    [Fact]
    public async Task Deleting_the_last_events_of_an_append_made_after_the_last_checkpoint_is_found()
    {
        var thing = Guid.NewGuid();
        await store.Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(5), new ThingHappened(thing, 6), new ThingHappened(thing, 7), new ThingClosed(thing, "no checkpoint since"));
        await store.TamperAsync("delete from events where stream_id = '{stream}' and stream_version >= 7");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldHaveSingleItem().ShouldBe(new IntegrityBreak(Stream, 7, "the events appended with version 6 after it were deleted"));
    }

    [Fact]
    public async Task Deleting_a_whole_stream_is_found_by_the_checkpoint()
    {
        await store.TamperAsync("delete from events where stream_id = '{other}'");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldContain(new IntegrityBreak(store.Other, 1, "the whole stream was deleted (checkpoint 1 recorded it at version 3)"));
    }

    [Fact]
    public async Task Inserting_a_forged_event_is_found()
    {
        // The forger renumbers the tail to make room and copies a real event's hash.
        await store.TamperAsync("update events set stream_version = stream_version + 100 where stream_id = '{stream}' and stream_version >= 3");
        await store.TamperAsync("update events set stream_version = stream_version - 99 where stream_id = '{stream}' and stream_version >= 103");
        await store.TamperAsync("""
            insert into events (stream_id, stream_version, event_id, event_type, data, metadata, hash)
            select stream_id, 3, gen_random_uuid(), event_type, data, metadata, hash
            from events where stream_id = '{stream}' and stream_version = 2
            """);

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldNotBeEmpty();
        breaks.Where(b => b.StreamId != "checkpoint").ShouldAllBe(b => b.StreamId == Stream && b.Version >= 3);
        breaks.ShouldContain(b => b.StreamId == Stream && b.Version == 3);
    }

    [Fact]
    public async Task Swapping_two_events_is_found()
    {
        await store.TamperAsync("update events set stream_version = 1002 where stream_id = '{stream}' and stream_version = 2");
        await store.TamperAsync("update events set stream_version = 2 where stream_id = '{stream}' and stream_version = 3");
        await store.TamperAsync("update events set stream_version = 3 where stream_id = '{stream}' and stream_version = 1002");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.Select(b => b.Version).ShouldContain(2);
        breaks.ShouldAllBe(b => b.StreamId == Stream && b.Version >= 2 && b.Version <= 4);
    }

    [Fact]
    public async Task A_forger_who_recomputes_the_chain_is_caught_by_the_signed_checkpoint()
    {
        // Rewrites the last event of the stream and computes a valid chain hash for it, exactly as
        // the store would have: only the signed head in the checkpoint can tell.
        await using var connection = await store.Fixture.DataSource.OpenConnectionAsync();
        await using (var rewrite = new Npgsql.NpgsqlCommand("""
            select e.event_id, e.event_type, e.metadata::text, e.recorded_at, previous.hash from events as e
            join events as previous on previous.stream_id = e.stream_id and previous.stream_version = 4
            where e.stream_id = $1 and e.stream_version = 5
            """, connection))
        {
            rewrite.Parameters.AddWithValue(Stream);
            await using var reader = await rewrite.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (id, type, metadata, at, previous) = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<byte[]>(4));
            await reader.DisposeAsync();
            var data = """{"thingId":"00000000-0000-0000-0000-000000000000","reason":"never happened"}""";
            using var hasher = new EventHash();
            var hash = hasher.Chain(hasher.Link(Stream, 5, id, type, data, hasher.Metadata(metadata), linkBefore: null), at, previous);
            await using var update = new Npgsql.NpgsqlCommand("update events set data = $1::json, hash = $2 where stream_id = $3 and stream_version = 5", connection);
            update.Parameters.AddWithValue(data);
            update.Parameters.AddWithValue(hash);
            update.Parameters.AddWithValue(Stream);
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldHaveSingleItem().ShouldBe(new IntegrityBreak(Stream, 5, "it is not the event checkpoint 1 recorded at this version (rewritten history)"));
    }

    [Fact]
    public async Task Tampering_with_checkpoints_is_found()
    {
        await store.Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(5), new ThingClosed(Guid.NewGuid(), "again"));
        await store.CheckpointAsync();
        await store.Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(6), new ThingClosed(Guid.NewGuid(), "and again"));
        await store.CheckpointAsync();

        await store.TamperAsync("update integrity_checkpoint_heads set stream_version = 4 where checkpoint = 1 and stream_id = '{stream}'");
        await store.TamperAsync("delete from integrity_checkpoint_heads where checkpoint = 2");
        await store.TamperAsync("delete from integrity_checkpoints where sequence = 2");

        var breaks = (await store.VerifyAsync()).Breaks;

        breaks.ShouldContain(new IntegrityBreak("checkpoint", 1, "its recorded stream heads do not match its signed Merkle root"));
        breaks.ShouldContain(new IntegrityBreak("checkpoint", 3, "checkpoints 2 to 2 are missing"));
    }

    [Fact]
    public async Task A_checkpoint_signed_with_a_key_that_is_not_trusted_fails()
    {
        using var otherKeys = new CheckpointKeys(CheckpointKeys.NewSigningKey(), []);

        var breaks = (await store.VerifyAsync(otherKeys)).Breaks;

        breaks.ShouldHaveSingleItem().ShouldBe(new IntegrityBreak("checkpoint", 1, $"its signature does not verify with a trusted key (key id {store.Keys.SigningKeyId})"));
    }

    [Fact]
    public async Task A_rotated_signing_key_stays_trusted_when_listed()
    {
        var next = CheckpointKeys.NewSigningKey();
        using var rotated = new CheckpointKeys(next, [CheckpointKeys.PublicKeyOf(store.SigningKey)]);
        await store.Fixture.AppendAsync(Stream, ExpectedVersion.Exactly(5), new ThingClosed(Guid.NewGuid(), "signed with the new key"));
        await store.CheckpointAsync(rotated);

        (await store.VerifyAsync(rotated)).Intact.ShouldBeTrue();
        (await store.VerifyAsync()).Breaks.ShouldHaveSingleItem().Version.ShouldBe(2);
    }

    [Fact]
    public async Task One_stream_is_verified_on_its_own()
    {
        await store.TamperAsync("delete from events where stream_id = '{other}' and stream_version = 3");

        var mine = await IntegrityVerifier.VerifyStreamAsync(store.Fixture.DataSource, store.Keys, Stream);
        var theirs = await IntegrityVerifier.VerifyStreamAsync(store.Fixture.DataSource, store.Keys, store.Other);

        mine.Intact.ShouldBeTrue();
        mine.EventsChecked.ShouldBe(5);
        theirs.Breaks.ShouldHaveSingleItem().ShouldBe(new IntegrityBreak(store.Other, 3, "versions 3 to 3 were deleted (checkpoint 1 recorded version 3)"));
    }
}
