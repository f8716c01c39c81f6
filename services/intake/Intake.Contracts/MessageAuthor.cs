using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>Which side of a report's conversation wrote a message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageAuthor>))]
public enum MessageAuthor
{
    [JsonStringEnumMemberName("reporter")] Reporter,
    [JsonStringEnumMemberName("handler")] Handler,
}
