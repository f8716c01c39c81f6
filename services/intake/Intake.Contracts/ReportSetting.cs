using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>Where, socially, it happened. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportSetting>))]
public enum ReportSetting
{
    [JsonStringEnumMemberName("workplace")] Workplace,
    [JsonStringEnumMemberName("school")] School,
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("community")] Community,
    [JsonStringEnumMemberName("home")] Home,
}
