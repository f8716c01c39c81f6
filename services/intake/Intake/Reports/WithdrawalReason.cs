using System.Text.Json.Serialization;

namespace Intake.Reports;

/// <summary>
/// Why a report was withdrawn, as a category a handler can act on (fear of retaliation is a
/// safeguarding signal, not a closing reason). Any detail goes in the personal explanation.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WithdrawalReason>))]
public enum WithdrawalReason
{
    [JsonStringEnumMemberName("resolved")] Resolved,
    [JsonStringEnumMemberName("fear-of-retaliation")] FearOfRetaliation,
    [JsonStringEnumMemberName("no-longer-wishes-to-proceed")] NoLongerWishesToProceed,
    [JsonStringEnumMemberName("submitted-in-error")] SubmittedInError,
    [JsonStringEnumMemberName("duplicate")] Duplicate,
    [JsonStringEnumMemberName("other")] Other,
}
