using System.Text.Json.Serialization;

namespace Cases.Handling.Erasing;

/// <summary>Why a person's data is erased: recorded in the log as this name only, never in words that could describe them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErasureGround>))]
public enum ErasureGround
{
    [JsonStringEnumMemberName("data-subject-request")] DataSubjectRequest,
    [JsonStringEnumMemberName("retention-period-ended")] RetentionPeriodEnded,
    [JsonStringEnumMemberName("legal-obligation")] LegalObligation,
}
