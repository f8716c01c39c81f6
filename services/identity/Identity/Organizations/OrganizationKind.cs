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
