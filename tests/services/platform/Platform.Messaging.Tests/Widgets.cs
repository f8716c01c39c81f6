using Platform.EventStore.Types;

namespace Platform.Messaging.Tests;

// A stand-in service's stream: one public event and one private one.
public sealed record WidgetCounted(Guid WidgetId, int Count, string CountedBy, DateTimeOffset CountedAt);

public sealed record WidgetInspected(Guid WidgetId, string Notes, string InspectedBy, DateTimeOffset InspectedAt);

public static class Widgets
{
    public static string StreamId(Guid widgetId) => $"widget-{widgetId:N}";

    public static void Register(EventTypeRegistry types) => types
        .Register<WidgetCounted>("widgets.widget-counted.v1")
        .Register<WidgetInspected>("widgets.widget-inspected.v1");
}
