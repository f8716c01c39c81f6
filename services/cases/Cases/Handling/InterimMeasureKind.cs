using System.Text.Json.Serialization;

namespace Cases.Handling;

/// <summary>A protective measure while a case goes on. Stored and sent by its kebab-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InterimMeasureKind>))]
public enum InterimMeasureKind
{
    [JsonStringEnumMemberName("separation-of-parties")] SeparationOfParties,
    [JsonStringEnumMemberName("protective-order-support")] ProtectiveOrderSupport,
    [JsonStringEnumMemberName("restraining-order-support")] RestrainingOrderSupport,
    [JsonStringEnumMemberName("workplace-measure")] WorkplaceMeasure,
    [JsonStringEnumMemberName("school-measure")] SchoolMeasure,
    [JsonStringEnumMemberName("other")] Other,
}
