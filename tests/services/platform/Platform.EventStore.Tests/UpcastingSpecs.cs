using Platform.EventStore.Integrity;
using Platform.EventStore.Types;

namespace Platform.EventStore.Tests;

public sealed class UpcastingSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly CheckpointKeys NoKeys = new(null, []);

    /// <summary>An event as an older version of the code stored it, hash chain and all.</summary>
    private async Task<string> StoreRawAsync(string type, string json)
    {
        var stream = StoreFixture.NewStreamId();
        var eventId = Guid.NewGuid();
        const string metadata = """
            {"correlationId":"old","causationId":null,"traceparent":null,"actor":{"clientId":"legacy","organizationId":null,"onBehalfOf":null},"occurredAt":"2025-01-01T00:00:00+00:00"}
            """;
        var recordedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 1, TimeSpan.Zero);
        using var hasher = new EventHash();
        var hash = hasher.Chain(hasher.Link(stream, 1, eventId, type, json, hasher.Metadata(metadata), linkBefore: null), recordedAt, headBefore: null);
        await using var insert = fixture.DataSource.CreateCommand("""
            insert into events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at, hash)
            values ($1, 1, $2, $3, $4::json, $5::json, $6, $7)
            """);
        insert.Parameters.AddWithValue(stream);
        insert.Parameters.AddWithValue(eventId);
        insert.Parameters.AddWithValue(type);
        insert.Parameters.AddWithValue(json);
        insert.Parameters.AddWithValue(metadata);
        insert.Parameters.AddWithValue(recordedAt);
        insert.Parameters.AddWithValue(hash);
        await insert.ExecuteNonQueryAsync();
        (await IntegrityVerifier.VerifyStreamAsync(fixture.DataSource, NoKeys, stream)).Intact.ShouldBeTrue();
        return stream;
    }

    [Fact]
    public async Task A_stored_v1_event_is_upcast_through_every_step_to_the_current_version()
    {
        var thing = Guid.NewGuid();
        var stream = await StoreRawAsync("tests.thing-renamed.v1", $$"""{"thingId":"{{thing}}","title":"Old title"}""");

        var read = (await fixture.Store.ReadStreamAsync(stream)).Single();

        read.EventType.ShouldBe("tests.thing-renamed.v3");
        read.Data.ShouldBe(new ThingRenamed(thing, "Old title", "unknown (recorded before v3)"));
        read.Metadata.Actor.ClientId.ShouldBe("legacy");
    }

    [Fact]
    public async Task A_stored_v2_event_takes_only_the_steps_it_needs()
    {
        var thing = Guid.NewGuid();
        var stream = await StoreRawAsync("tests.thing-renamed.v2", $$"""{"thingId":"{{thing}}","name":"Second name"}""");

        var read = (await fixture.Store.ReadStreamAsync(stream)).Single();

        read.Data.ShouldBe(new ThingRenamed(thing, "Second name", "unknown (recorded before v3)"));
    }

    [Fact]
    public async Task A_stored_type_nobody_registered_is_an_error_not_a_silent_skip()
    {
        var stream = await StoreRawAsync("tests.thing-vanished.v1", """{"thingId":"00000000-0000-0000-0000-000000000001"}""");

        await Should.ThrowAsync<UnknownEventTypeException>(() => fixture.Store.ReadStreamAsync(stream));
    }

    [Fact]
    public void Type_names_must_be_stable_names_never_clr_names()
    {
        var registry = new EventTypeRegistry();

        Should.Throw<ArgumentException>(() => registry.Register<ThingHappened>("Platform.EventStore.Tests.ThingHappened"));
        Should.Throw<ArgumentException>(() => registry.Register<ThingHappened>("tests.thing-happened"));
        registry.Register<ThingHappened>("tests.thing-happened.v1").NameOf(typeof(ThingHappened)).ShouldBe("tests.thing-happened.v1");
        Should.Throw<InvalidOperationException>(() => registry.Register<ThingClosed>("tests.thing-happened.v1"));
    }

    [Fact]
    public void Serialized_events_carry_no_clr_type_names()
    {
        var json = EventTypeRegistry.Serialize(new ThingHappened(Guid.Empty, 3));

        json.ShouldBe("""{"thingId":"00000000-0000-0000-0000-000000000000","number":3}""");
    }
}
