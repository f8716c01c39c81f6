using System.Text.Json.Serialization;

namespace Cases.Contracts;

/// <summary>Why a case could go to law enforcement: the affected person agreed, or a law required it without their consent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EscalationBasis>))]
public enum EscalationBasis
{
    [JsonStringEnumMemberName("consent")] Consent,
    [JsonStringEnumMemberName("legal-override")] LegalOverride,
}
