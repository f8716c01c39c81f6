namespace Referrals.Directory.Profiles;

public sealed record OrganizationProfileRequest(string? Name, string? Description, string? Email, string? Url, IReadOnlyList<string?>? Languages);

/// <summary>
/// How an organization presents itself in the directory (HSDS organization): the name and
/// description partners see next to each of its services, how to reach it, and the languages it
/// works in. Nothing here is personal: it is the organization's public face to its partners.
/// </summary>
public sealed record OrganizationProfile(string Name, string Description, string? Email, string? Url, IReadOnlyList<string> Languages)
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public static OrganizationProfile? From(OrganizationProfileRequest request, FieldErrors errors)
    {
        var name = errors.Text("name", request.Name, NameMaxLength, required: true);
        var description = errors.Text("description", request.Description, DescriptionMaxLength, required: true, multiline: true);
        var email = errors.Email("email", request.Email);
        var url = errors.Url("url", request.Url);
        var languages = errors.Languages("languages", request.Languages, required: false);
        return errors.Any ? null : new(name!, description!, email, url, languages);
    }
}

/// <summary>A profile as the API shows it: to any partner, since nothing in it is confidential.</summary>
public sealed record OrganizationProfileView(
    Guid Id, string Name, string Description, string? Email, string? Url, IReadOnlyList<string> Languages, long Version, DateTimeOffset UpdatedAt);
