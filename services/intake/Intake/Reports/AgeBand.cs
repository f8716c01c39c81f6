using System.Text.Json.Serialization;

namespace Intake.Reports;

/// <summary>A coarse age, enough for safeguarding duties without asking for a birth date.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgeBand>))]
public enum AgeBand
{
    [JsonStringEnumMemberName("under-13")] Under13,
    [JsonStringEnumMemberName("13-17")] From13To17,
    [JsonStringEnumMemberName("18-24")] From18To24,
    [JsonStringEnumMemberName("25-64")] From25To64,
    [JsonStringEnumMemberName("65-plus")] From65,
}
