using Platform.ServiceDefaults;
using Referrals.Directory.Locations;

namespace Referrals.Directory.Hsds;

/// <summary>
/// Directory entries in HSDS 3.0 shapes, built from the same views the platform's API uses, so a
/// confidential location reaches HSDS already stripped (<see cref="LocationView.For"/>). HSDS gives
/// every nested object an id; those the directory does not store are derived from the owner's id.
/// </summary>
public static class HsdsMapping
{
    public static HsdsServiceSummary Summary(StoredService service)
    {
        var details = service.Details;
        return new(service.Id, service.OrganizationId, details.Name, details.Description, details.Url, details.Email, details.Status,
            details.ApplicationProcess, details.Fees, Eligibility(details.Eligibility, details.Accessibility), details.MinimumAge, details.MaximumAge,
            service.UpdatedAt);
    }

    public static HsdsService Service(StoredService service, Guid viewerOrganizationId)
    {
        var (details, organization) = (service.Details, service.Organization);
        var summary = Summary(service);
        return new(summary.Id, summary.OrganizationId, summary.Name, summary.Description, summary.Url, summary.Email, summary.Status,
            summary.ApplicationProcess, summary.FeesDescription, summary.EligibilityDescription, summary.MinimumAge, summary.MaximumAge,
            summary.LastModified,
            new HsdsOrganization(service.OrganizationId, organization.Name, organization.Description, organization.Email, organization.Url),
            [.. service.Locations.Select(placed => new HsdsServiceAtLocation(placed.ServiceAtLocationId, service.Id, placed.Location.Id,
                Location(LocationView.For(placed.Location, viewerOrganizationId), service.OrganizationId)))],
            [.. details.Languages.Select(tag => new HsdsLanguage(IdOf(service.Id, "language:" + tag), service.Id, LanguageTags.Primary(tag),
                tag == LanguageTags.Primary(tag) ? null : tag))],
            [.. details.Hours.Select((hours, i) => new HsdsSchedule(IdOf(service.Id, $"schedule:{i}"), service.Id, "WEEKLY",
                string.Join(',', hours.Days), hours.Opens, hours.Closes, details.HoursNote))],
            [.. details.TaxonomyCodes.Select(Taxonomy.Find).OfType<TaxonomyTerm>().Select(term => new HsdsTaxonomyLink(
                IdOf(service.Id, "attribute:" + term.Code), service.Id, "service", term.Id, Term(term)))]);
    }

    public static HsdsTaxonomyTerm Term(TaxonomyTerm term) =>
        new(term.Id, term.Code, term.Name, term.Description, Taxonomy.Id, Taxonomy.Name, "en");

    private static HsdsLocation Location(LocationView location, Guid organizationId) => new(
        location.Id, "physical", organizationId, location.Name, location.Description, location.Transportation, location.Latitude, location.Longitude,
        location.Confidential,
        location.Address is { } address
            ? [new HsdsAddress(IdOf(location.Id, "address"), location.Id, address.Line1, address.Line2, address.City, address.Region,
                address.PostalCode, address.Country, "physical")]
            : [],
        location.Accessibility is { } accessibility ? [new HsdsAccessibility(IdOf(location.Id, "accessibility"), location.Id, accessibility)] : []);

    // HSDS has no accessibility field on a service: what a service says about it goes with who it is for.
    private static string? Eligibility(string? eligibility, string? accessibility) =>
        accessibility is null ? eligibility : string.Join("\n\n", new[] { eligibility, "Accessibility: " + accessibility }.OfType<string>());

    /// <summary>A stable id for a nested object: a name-based UUID (RFC 9562 version 8, SHA-256) of its owner's id and its part.</summary>
    public static Guid IdOf(Guid owner, string part) => NameBasedGuid.Of($"platform.referrals.directory.hsds:{owner:D}:{part}");
}
