using System.Text.Json.Serialization;

namespace Intake.Contracts;

/// <summary>A triage rule that makes a report urgent. Names only: which words matched, or who, is never sent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriageRule>))]
public enum TriageRule
{
    [JsonStringEnumMemberName("immediate-danger")] ImmediateDanger,
    [JsonStringEnumMemberName("minor-involved")] MinorInvolved,
    [JsonStringEnumMemberName("weapon-or-threat-mentioned")] WeaponOrThreatMentioned,
    [JsonStringEnumMemberName("repeat-alleged-perpetrator")] RepeatAllegedPerpetrator,
}
