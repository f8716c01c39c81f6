using System.Text.Json.Serialization;

namespace Referrals.Referring;

/// <summary>An HL7 FHIR R4 Task status a referral can be in (the codes are FHIR's own).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("on-hold")] OnHold,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Why a referral was rejected, held, failed or cancelled: the Task's businessStatus.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponseReason>))]
public enum ResponseReason
{
    [JsonStringEnumMemberName("no-capacity")] NoCapacity,
    [JsonStringEnumMemberName("not-eligible")] NotEligible,
    [JsonStringEnumMemberName("out-of-area")] OutOfArea,
    [JsonStringEnumMemberName("conflict-of-interest")] ConflictOfInterest,
    [JsonStringEnumMemberName("waiting-for-person")] WaitingForPerson,
    [JsonStringEnumMemberName("person-unreachable")] PersonUnreachable,
    [JsonStringEnumMemberName("declined-by-person")] DeclinedByPerson,
    [JsonStringEnumMemberName("no-longer-needed")] NoLongerNeeded,
}

/// <summary>How a completed referral ended for the person: the Task's businessStatus once completed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReferralOutcome>))]
public enum ReferralOutcome
{
    [JsonStringEnumMemberName("service-provided")] ServiceProvided,
    [JsonStringEnumMemberName("partially-provided")] PartiallyProvided,
    [JsonStringEnumMemberName("referred-onward")] ReferredOnward,
    [JsonStringEnumMemberName("declined-by-person")] DeclinedByPerson,
}

[JsonConverter(typeof(JsonStringEnumConverter<AccessEndReason>))]
public enum AccessEndReason
{
    [JsonStringEnumMemberName("consent-revoked")] ConsentRevoked,
    [JsonStringEnumMemberName("consent-expired")] ConsentExpired,

    /// <summary>A data subject of the referring case was erased there, so nothing of the case may stay shared.</summary>
    [JsonStringEnumMemberName("case-data-erased")] CaseDataErased,
}

/// <summary>Which side of the referral the caller is on.</summary>
public enum ReferralParty
{
    Referrer,
    Recipient,
}
