using System.Text.Json.Serialization;
using Platform.EventStore.Privacy;

namespace Platform.EventStore.Tests.Privacy;

// Events shaped like the domain's: personal data nested in records, lists and nullable records,
// belonging to several subjects at once.

public sealed record PersonInvolved(
    [property: DataSubject] Guid PersonId,
    string Role,
    [property: PersonalData] string Name,
    [property: PersonalData] string? Phone);

/// <summary>No subject of its own: its personal fields belong to whoever encloses it.</summary>
public sealed record ContactDetails(
    [property: PersonalData] string? Email,
    [property: PersonalData, JsonPropertyName("tel")] string? PhoneNumber,
    string PreferredChannel);

public sealed record ReportSubmitted(
    Guid ReportId,
    [property: DataSubject] Guid ReporterId,
    [property: PersonalData] string Narrative,
    IReadOnlyList<PersonInvolved> People,
    ContactDetails? Contact);

/// <summary>Personal values that are not strings, a string subject and nesting two levels down.</summary>
public sealed record WitnessStatement(
    [property: DataSubject] string WitnessRef,
    [property: PersonalData] int? Age,
    [property: PersonalData] Address? Home,
    [property: PersonalData] string[]? Aliases,
    Witnessed[] Seen);

public sealed record Address(string Street, string City);

public sealed record Witnessed(string What, PersonInvolved[] Who);

public sealed record CaseClosed(Guid CaseId, string Outcome, IReadOnlyList<string> Tags);

public sealed record NonNullableValuePersonalData([property: DataSubject] Guid PersonId, [property: PersonalData] int Age);

public sealed record PersonalDataWithoutSubject(Guid CaseId, [property: PersonalData] string Name);

public sealed record SubjectlessNesting(Guid CaseId, ContactDetails Contact);

/// <summary>Personal data in the values of a dictionary (its keys are plain JSON names).</summary>
public sealed record HearingScheduled(Guid HearingId, IReadOnlyDictionary<string, PersonInvolved> AttendeesBySeat);
