using System.Text.Json;
using System.Text.Json.Serialization;

namespace Notifications.Notifying;

/// <summary>
/// What one integration event tells partners: a CloudEvents 1.0 envelope with a thin <see cref="Data"/>
/// (ids, vocabulary, times: never anything about a person), and the organizations entitled to it.
/// <see cref="Id"/> is the message id, so a redelivered message is the same notification.
/// </summary>
public sealed record Notification(
    Guid Id,
    string Type,
    string Source,
    string Subject,
    DateTimeOffset Time,
    bool Urgent,
    IReadOnlyList<Guid> EntitledOrganizations,
    object Data)
{
    /// <summary>How the body is written (camelCase names, no nulls): data built ahead of it is written the same way.</summary>
    public static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The CloudEvents JSON body, byte for byte what is signed and sent (and what the feed returns).</summary>
    public string ToCloudEventJson() => JsonSerializer.Serialize(new CloudEvent(
        "1.0", Id.ToString(), Source, Type, Subject, Time, "application/json", Data), DataJson);

    private sealed record CloudEvent(
        [property: JsonPropertyName("specversion")] string SpecVersion,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("datacontenttype")] string DataContentType,
        [property: JsonPropertyName("data")] object Data);
}
