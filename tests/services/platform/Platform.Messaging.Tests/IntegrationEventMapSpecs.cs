using Platform.EventStore;
using Platform.Messaging.Forwarding;

namespace Platform.Messaging.Tests;

public class IntegrationEventMapSpecs
{
    private static readonly DateTimeOffset CountedAt = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid WidgetId = Guid.CreateVersion7();

    [Fact]
    public void Publishes_only_mapped_event_types()
    {
        var map = new IntegrationEventMap()
            .Publish<WidgetCounted>((counted, _) => new Contracts.WidgetCounted(counted.WidgetId, counted.Count, counted.CountedAt));

        var counted = Recorded(new WidgetCounted(WidgetId, 3, "alice", CountedAt), "widgets.widget-counted.v1");
        var inspected = Recorded(new WidgetInspected(WidgetId, "scratched", "bob", CountedAt), "widgets.widget-inspected.v1");

        map.Map(counted).ShouldBe(new Contracts.WidgetCounted(WidgetId, 3, CountedAt));
        map.Map(inspected).ShouldBeNull();
        map.IsPublic(typeof(WidgetCounted)).ShouldBeTrue();
        map.IsPublic(typeof(WidgetInspected)).ShouldBeFalse();
    }

    [Fact]
    public void A_mapping_sees_the_recorded_event_with_its_metadata()
    {
        var map = new IntegrationEventMap()
            .Publish<WidgetCounted>(recorded => new Contracts.WidgetCounted(
                ((WidgetCounted)recorded.Data).WidgetId, (int)recorded.StreamVersion, recorded.Metadata.OccurredAt));

        var counted = Recorded(new WidgetCounted(WidgetId, 3, "alice", CountedAt), "widgets.widget-counted.v1", streamVersion: 7);

        map.Map(counted).ShouldBe(new Contracts.WidgetCounted(WidgetId, 7, counted.Metadata.OccurredAt));
    }

    [Fact]
    public void Cannot_map_one_event_type_twice()
    {
        var map = new IntegrationEventMap()
            .Publish<WidgetCounted>((counted, _) => new Contracts.WidgetCounted(counted.WidgetId, counted.Count, counted.CountedAt));

        Should.Throw<InvalidOperationException>(() =>
            map.Publish<WidgetCounted>((counted, _) => new Contracts.WidgetCounted(counted.WidgetId, 0, counted.CountedAt)));
    }

    [Fact]
    public void A_mapping_that_returns_nothing_fails_rather_than_dropping_the_event()
    {
        var map = new IntegrationEventMap().Publish<WidgetCounted>(_ => null!);

        Should.Throw<InvalidOperationException>(() =>
            map.Map(Recorded(new WidgetCounted(WidgetId, 3, "alice", CountedAt), "widgets.widget-counted.v1")));
    }

    private static RecordedEvent Recorded(object data, string eventType, long streamVersion = 1) => new(
        GlobalPosition: streamVersion,
        TransactionId: 1000,
        StreamId: Widgets.StreamId(WidgetId),
        StreamVersion: streamVersion,
        EventId: Guid.CreateVersion7(),
        EventType: eventType,
        Data: data,
        Metadata: new EventMetadata("correlation-1", null, null, new Actor("client-1", "org-1", null), CountedAt.AddSeconds(-1)),
        RecordedAt: CountedAt);
}
