using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>Why a closed case is handled again. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReopeningReason>))]
public enum ReopeningReason
{
    [JsonStringEnumMemberName("new-information")] NewInformation,
    [JsonStringEnumMemberName("retaliation")] Retaliation,
    [JsonStringEnumMemberName("appeal")] Appeal,
    [JsonStringEnumMemberName("closed-in-error")] ClosedInError,
}
