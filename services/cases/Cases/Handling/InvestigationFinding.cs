using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>What an investigation concluded about the allegation. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvestigationFinding>))]
public enum InvestigationFinding
{
    [JsonStringEnumMemberName("substantiated")] Substantiated,
    [JsonStringEnumMemberName("partially-substantiated")] PartiallySubstantiated,
    [JsonStringEnumMemberName("unsubstantiated")] Unsubstantiated,
    [JsonStringEnumMemberName("inconclusive")] Inconclusive,
}
