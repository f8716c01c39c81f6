using Referrals.Directory.Locations;

namespace Referrals.Directory.Services;

public sealed record OrganizationSummary(Guid Id, string Name, string Description, string? Email, string? Url);

public sealed record TaxonomyTermView(string Code, string Name);

/// <summary>A service as the platform's own API shows it to one organization (locations through <see cref="LocationView"/>).</summary>
public sealed record ServiceView(
    Guid Id, OrganizationSummary Organization, string Name, string? Description, string Status, IReadOnlyList<TaxonomyTermView> Taxonomy,
    IReadOnlyList<string> Languages, string? Accessibility, string? Eligibility, int? MinimumAge, int? MaximumAge, string? Fees,
    string? ApplicationProcess, string? Email, string? Url, IReadOnlyList<OpeningHours> Hours, string? HoursNote,
    IReadOnlyList<LocationView> Locations, long Version, DateTimeOffset UpdatedAt)
{
    public static ServiceView For(StoredService service, Guid viewerOrganizationId)
    {
        var (details, organization) = (service.Details, service.Organization);
        return new(
            service.Id,
            new OrganizationSummary(service.OrganizationId, organization.Name, organization.Description, organization.Email, organization.Url),
            details.Name, details.Description, details.Status,
            [.. details.TaxonomyCodes.Select(Directory.Taxonomy.Find).OfType<TaxonomyTerm>().Select(term => new TaxonomyTermView(term.Code, term.Name))],
            details.Languages, details.Accessibility, details.Eligibility, details.MinimumAge, details.MaximumAge, details.Fees,
            details.ApplicationProcess, details.Email, details.Url, details.Hours, details.HoursNote,
            [.. service.Locations.Select(placed => LocationView.For(placed.Location, viewerOrganizationId))],
            service.Version, service.UpdatedAt);
    }
}
