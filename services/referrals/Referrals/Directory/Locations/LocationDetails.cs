using System.Text.RegularExpressions;

namespace Referrals.Directory.Locations;

public sealed record AddressRequest(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record LocationRequest(
    string? Name, string? Description, bool? Confidential, AddressRequest? Address, double? Latitude, double? Longitude,
    string? Accessibility, string? Transportation);

/// <summary>A postal address (HSDS address); <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record Address(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

/// <summary>
/// A place where an organization offers services (HSDS location). <see cref="Confidential"/> is
/// Platform's own addition to HSDS: the address and coordinates of a confidential location (a
/// shelter) are shown to nobody but its organization (see <see cref="LocationView"/>).
/// </summary>
public sealed partial record LocationDetails(
    string Name, string? Description, bool Confidential, Address? Address, double? Latitude, double? Longitude,
    string? Accessibility, string? Transportation)
{
    public static LocationDetails? From(LocationRequest request, FieldErrors errors)
    {
        var name = errors.Text("name", request.Name, 200, required: true);
        var description = errors.Text("description", request.Description, 2000, multiline: true);
        if (request.Confidential is null)
        {
            errors.Add("confidential", "Required: true when the address must stay known to your organization only (a shelter), false otherwise.");
        }
        var address = AddressFrom(request.Address, errors);
        if (request.Latitude is null != request.Longitude is null)
        {
            errors.Add(request.Latitude is null ? "latitude" : "longitude", "Give latitude and longitude together, or neither.");
        }
        if (request.Latitude is not (null or (>= -90 and <= 90)))
        {
            errors.Add("latitude", "Decimal degrees (WGS 84) from -90 to 90.");
        }
        if (request.Longitude is not (null or (>= -180 and <= 180)))
        {
            errors.Add("longitude", "Decimal degrees (WGS 84) from -180 to 180.");
        }
        var accessibility = errors.Text("accessibility", request.Accessibility, 2000, multiline: true);
        var transportation = errors.Text("transportation", request.Transportation, 2000, multiline: true);
        return errors.Any ? null
            : new(name!, description, request.Confidential!.Value, address, request.Latitude, request.Longitude, accessibility, transportation);
    }

    private static Address? AddressFrom(AddressRequest? request, FieldErrors errors)
    {
        if (request is null)
        {
            return null;
        }
        var line1 = errors.Text("address.line1", request.Line1, 200, required: true);
        var line2 = errors.Text("address.line2", request.Line2, 200);
        var city = errors.Text("address.city", request.City, 100, required: true);
        var region = errors.Text("address.region", request.Region, 100);
        var postalCode = errors.Text("address.postalCode", request.PostalCode, 20);
        var country = request.Country?.Trim().ToUpperInvariant();
        if (country is null || !CountryCode().IsMatch(country))
        {
            errors.Add("address.country", "Required: an ISO 3166-1 alpha-2 country code such as GB or KE.");
        }
        return line1 is null || city is null || country is null ? null : new(line1, line2, city, region, postalCode, country);
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}

/// <summary>A location as stored: its organization, details and version.</summary>
public sealed record StoredLocation(Guid Id, Guid OrganizationId, LocationDetails Details, long Version, DateTimeOffset UpdatedAt);
