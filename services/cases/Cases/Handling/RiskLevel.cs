using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>How much danger the affected person is in, as the handler assessed it. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskLevel>))]
public enum RiskLevel
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("severe")] Severe,
}
