using System.Text.Json.Serialization;

namespace Cases.Contracts;

/// <summary>How a case ended. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseOutcome>))]
public enum CaseOutcome
{
    [JsonStringEnumMemberName("action-taken")] ActionTaken,
    [JsonStringEnumMemberName("resolved-informally")] ResolvedInformally,
    [JsonStringEnumMemberName("unsubstantiated")] Unsubstantiated,
    [JsonStringEnumMemberName("referred")] Referred,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
    [JsonStringEnumMemberName("no-further-action")] NoFurtherAction,
}
