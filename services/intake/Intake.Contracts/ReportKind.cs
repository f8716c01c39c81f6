using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>What kind of harassment or violence a report is about. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportKind>))]
public enum ReportKind
{
    [JsonStringEnumMemberName("sexual-harassment")] SexualHarassment,
    [JsonStringEnumMemberName("gender-based-violence")] GenderBasedViolence,
    [JsonStringEnumMemberName("bullying")] Bullying,
    [JsonStringEnumMemberName("discrimination")] Discrimination,
    [JsonStringEnumMemberName("stalking")] Stalking,
    [JsonStringEnumMemberName("online-abuse")] OnlineAbuse,
    [JsonStringEnumMemberName("other")] Other,
}
