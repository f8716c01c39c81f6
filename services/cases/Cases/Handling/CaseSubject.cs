using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>Which of a case's two data subjects something is about. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseSubject>))]
public enum CaseSubject
{
    [JsonStringEnumMemberName("affected-person")] AffectedPerson,
    [JsonStringEnumMemberName("respondent")] Respondent,
}
