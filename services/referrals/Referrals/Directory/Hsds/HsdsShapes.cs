using System.Text.Json.Serialization;

namespace Referrals.Directory.Hsds;

// The Open Referral HSDS 3.0 objects this API serves, with HSDS's own field names (snake_case, see
// HsdsEndpoints.Json) and only the fields the directory has. `confidential` on a location is Platform's addition.

public sealed record HsdsPage<T>(
    int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

public sealed record HsdsOrganization(Guid Id, string Name, string Description, string? Email, string? Website);

public sealed record HsdsTaxonomyTerm(Guid Id, string Code, string Name, string Description, Guid TaxonomyId, string Taxonomy, string Language);

/// <summary>An HSDS attribute: the link between a service and one taxonomy term.</summary>
public sealed record HsdsTaxonomyLink(Guid Id, Guid LinkId, string LinkEntity, Guid TaxonomyTermId, HsdsTaxonomyTerm TaxonomyTerm);

public sealed record HsdsLanguage(Guid Id, Guid ServiceId, string Code, string? Note);

public sealed record HsdsSchedule(Guid Id, Guid ServiceId, string Freq, string Byday, string OpensAt, string ClosesAt, string? Description);

public sealed record HsdsAddress(
    Guid Id, Guid LocationId, [property: JsonPropertyName("address_1")] string Address1, [property: JsonPropertyName("address_2")] string? Address2,
    string City, string? StateProvince, string? PostalCode, string Country, string AddressType);

public sealed record HsdsAccessibility(Guid Id, Guid LocationId, string Description);

public sealed record HsdsLocation(
    Guid Id, string LocationType, Guid OrganizationId, string Name, string? Description, string? Transportation, double? Latitude, double? Longitude,
    bool Confidential, IReadOnlyList<HsdsAddress> Addresses, IReadOnlyList<HsdsAccessibility> Accessibility);

public sealed record HsdsServiceAtLocation(Guid Id, Guid ServiceId, Guid LocationId, HsdsLocation Location);

/// <summary>An HSDS service_list entry: the service's one-to-one fields.</summary>
public sealed record HsdsServiceSummary(
    Guid Id, Guid OrganizationId, string Name, string? Description, string? Url, string? Email, string Status, string? ApplicationProcess,
    string? FeesDescription, string? EligibilityDescription, int? MinimumAge, int? MaximumAge, DateTimeOffset LastModified);

/// <summary>An HSDS service, fully nested.</summary>
public sealed record HsdsService(
    Guid Id, Guid OrganizationId, string Name, string? Description, string? Url, string? Email, string Status, string? ApplicationProcess,
    string? FeesDescription, string? EligibilityDescription, int? MinimumAge, int? MaximumAge, DateTimeOffset LastModified,
    HsdsOrganization Organization, IReadOnlyList<HsdsServiceAtLocation> ServiceAtLocations, IReadOnlyList<HsdsLanguage> Languages,
    IReadOnlyList<HsdsSchedule> Schedules, IReadOnlyList<HsdsTaxonomyLink> Attributes);
