using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>How much of the reporter's identity the report carries, and who may see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportMode>))]
public enum ReportMode
{
    /// <summary>The reporter is named and their identity may be used in handling the report.</summary>
    [JsonStringEnumMemberName("identified")] Identified,

    /// <summary>The reporter is named, but only the receiving organization's handlers may see who they are.</summary>
    [JsonStringEnumMemberName("confidential")] Confidential,

    /// <summary>The reporter is not named anywhere; follow-up goes through a report key and passphrase.</summary>
    [JsonStringEnumMemberName("anonymous")] Anonymous,
}
