using System.Text.Json.Serialization;

namespace Platform.EventStore.Privacy;

/// <summary>
/// Why a person's data is erased, wherever a service erases it: recorded in the log as this name only
/// (<c>SubjectErased.Reason</c>), never in words that could describe them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErasureGround>))]
public enum ErasureGround
{
    [JsonStringEnumMemberName("data-subject-request")] DataSubjectRequest,
    [JsonStringEnumMemberName("retention-period-ended")] RetentionPeriodEnded,
    [JsonStringEnumMemberName("legal-obligation")] LegalObligation,
}
