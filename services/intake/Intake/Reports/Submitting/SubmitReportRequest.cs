namespace Intake.Reports.Submitting;

// A submission as it arrives, before validation. Everything is nullable and vocabulary comes as
// strings, so that a missing field or an unknown value becomes an error naming that field instead
// of a JSON failure naming nothing. Names are the wire names of the enums (see WireNames).

public sealed record SubmitReportRequest(
    string? Kind,
    string? Setting,
    string? Mode,
    IncidentPeriodRequest? When,
    string? Where,
    string? Narrative,
    IReadOnlyList<PersonRequest?>? People,
    bool? ImmediateDanger,
    ConsentRequest? Consent,
    string? PreferredLanguage,
    IReadOnlyList<AttachmentRequest?>? Attachments,
    Guid? ReceivingOrganizationId);

public sealed record IncidentPeriodRequest(DateOnly? From, DateOnly? To, bool? Approximate);

public sealed record PersonRequest(IReadOnlyList<string?>? Roles, string? Name, ContactRequest? Contact, bool? IsMinor, string? AgeBand, string? Reference = null);

public sealed record ContactRequest(string? Email, string? Phone, string? Notes);

public sealed record ConsentRequest(bool? ToBeContacted, bool? ToShareWithSupportServices);

public sealed record AttachmentRequest(string? Sha256, string? MediaType, long? SizeBytes);
