using System.Text.Json.Serialization;

namespace Referrals.Sharing;

/// <summary>
/// The closed set of a case's fields a consent can let leave the referring organization, by the
/// names consents, referral requests, shared views and events use. Anything else of a case (notes,
/// evidence, investigation findings, the respondent) is never shareable through a referral.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShareableField>))]
public enum ShareableField
{
    /// <summary>How the affected person can be reached safely (phone, e-mail, a safe time to call).</summary>
    [JsonStringEnumMemberName("contact-details")] ContactDetails,

    /// <summary>A summary of what happened, written by the referring organization for the recipient.</summary>
    [JsonStringEnumMemberName("summary")] Summary,

    /// <summary>The case's current risk level (low, medium, high, critical).</summary>
    [JsonStringEnumMemberName("risk-level")] RiskLevel,

    /// <summary>The safety plan agreed with the affected person.</summary>
    [JsonStringEnumMemberName("safety-plan")] SafetyPlan,

    /// <summary>What kind of harm it is and where it happened (the case's kind and setting).</summary>
    [JsonStringEnumMemberName("kind-and-setting")] KindAndSetting,

    /// <summary>The language the affected person prefers to be addressed in.</summary>
    [JsonStringEnumMemberName("preferred-language")] PreferredLanguage,
}
