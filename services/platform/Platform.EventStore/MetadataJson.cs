using System.Text.Json;
using Platform.EventStore.Types;

namespace Platform.EventStore;

internal static class MetadataJson
{
    public static string Serialize(EventMetadata metadata) =>
        JsonSerializer.Serialize(metadata, EventTypeRegistry.SerializerOptions);

    public static EventMetadata Deserialize(string json) =>
        JsonSerializer.Deserialize<EventMetadata>(json, EventTypeRegistry.SerializerOptions)
            ?? throw new JsonException("Event metadata is null.");
}
