using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>What a piece of evidence is; where it is held is personal data. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    [JsonStringEnumMemberName("document")] Document,
    [JsonStringEnumMemberName("photo")] Photo,
    [JsonStringEnumMemberName("screenshot")] Screenshot,
    [JsonStringEnumMemberName("recording")] Recording,
    [JsonStringEnumMemberName("witness-statement")] WitnessStatement,
    [JsonStringEnumMemberName("other")] Other,
}
