using System.Text.Json;

namespace Identity.Organizations;

/// <summary>What an organization is decides what it may do (an auditor reads, a shelter receives referrals).</summary>
public enum OrganizationKind
{
    School,
    Employer,
    Ngo,
    LegalAid,
    Counselling,
    Shelter,
    LawEnforcement,
    Auditor,
    Platform,
}

public static class OrganizationKinds
{
    /// <summary>The kind as the API and tokens spell it: <c>legal-aid</c>, <c>law-enforcement</c>.</summary>
    public static string Name(this OrganizationKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static readonly IReadOnlyDictionary<string, OrganizationKind> ByName =
        Enum.GetValues<OrganizationKind>().ToDictionary(kind => kind.Name());
}
