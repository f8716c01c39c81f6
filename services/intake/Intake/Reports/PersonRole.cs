using System.Text.Json.Serialization;

namespace Intake.Reports;

/// <summary>
/// A person's part in a report. One person may hold several roles (a reporter who is also the
/// affected person, or a witness), except the alleged perpetrator, who holds no other: people
/// named in a report never get access to it, and the reporter does.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersonRole>))]
public enum PersonRole
{
    [JsonStringEnumMemberName("affected-person")] AffectedPerson,
    [JsonStringEnumMemberName("reporter")] Reporter,
    [JsonStringEnumMemberName("witness")] Witness,
    [JsonStringEnumMemberName("alleged-perpetrator")] AllegedPerpetrator,
}
