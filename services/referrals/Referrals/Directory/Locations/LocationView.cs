namespace Referrals.Directory.Locations;

/// <summary>
/// A location as one organization sees it. The one place the confidential-location rule is
/// applied, for every read shape (the platform's and HSDS's both start here): anyone but the
/// owning organization gets the location's id and the fact that it is confidential, never its
/// name, address, coordinates or any other detail that could lead someone to it.
/// </summary>
public sealed record LocationView(
    Guid Id, bool Confidential, string Name, string? Description, Address? Address, double? Latitude, double? Longitude,
    string? Accessibility, string? Transportation)
{
    public const string ConfidentialName = "Confidential location";

    public const string ConfidentialDescription =
        "The address is confidential: the organization shares it with the person it serves, directly.";

    public static LocationView For(StoredLocation location, Guid viewerOrganizationId)
    {
        var details = location.Details;
        return details.Confidential && location.OrganizationId != viewerOrganizationId
            ? new(location.Id, true, ConfidentialName, ConfidentialDescription, null, null, null, null, null)
            : new(location.Id, details.Confidential, details.Name, details.Description, details.Address, details.Latitude, details.Longitude,
                details.Accessibility, details.Transportation);
    }
}
