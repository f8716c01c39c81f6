using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>
/// How fast a report must be looked at. Two levels only: each has its own acknowledgement
/// deadline and urgent reports are announced at once; a level with no distinct response would be decoration.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportPriority>))]
public enum ReportPriority
{
    [JsonStringEnumMemberName("normal")] Normal,
    [JsonStringEnumMemberName("urgent")] Urgent,
}
