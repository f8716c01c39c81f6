namespace Referrals.Directory;

/// <summary>One term of the directory's taxonomy: a stable code, and the HSDS taxonomy_term id it has everywhere.</summary>
public sealed record TaxonomyTerm(Guid Id, string Code, string Name, string Description);

/// <summary>
/// The fixed taxonomy of services in this field. Codes are the API's vocabulary and never change
/// meaning; ids are fixed too, so an HSDS consumer can keep them. A code not listed here is refused
/// (422), so every service is findable by the terms partners search with.
/// </summary>
public static class Taxonomy
{
    /// <summary>HSDS taxonomy.id of this taxonomy (one per dataset).</summary>
    public static readonly Guid Id = Guid.Parse("7a757277-195d-411c-a121-25ac82183a79");

    public const string Name = "Platform GBV services";

    public static readonly IReadOnlyList<TaxonomyTerm> Terms =
    [
        new(Guid.Parse("80812ec2-44d8-4fa2-a44e-b8ae73de34db"), "legal-aid", "Legal aid",
            "Legal advice and representation: protection orders, criminal and civil proceedings, employment and immigration law."),
        new(Guid.Parse("3d290257-7ed0-4e86-af1e-7a7acd02e4bb"), "counselling", "Counselling",
            "Psychological support and trauma counselling, individual or in groups."),
        new(Guid.Parse("09354385-7c5c-472e-9a61-3a630e3ab11b"), "shelter", "Shelter",
            "Safe accommodation, emergency or transitional."),
        new(Guid.Parse("7bafe61d-60ec-4a94-b3cc-03df4ce5870e"), "medical", "Medical care",
            "Clinical care after violence: examination, treatment, forensic evidence collection, sexual and reproductive health."),
        new(Guid.Parse("0f1a3a9d-888a-4b21-934d-710d5fe30364"), "law-enforcement", "Law enforcement",
            "Police and prosecution units taking complaints and investigating offences."),
        new(Guid.Parse("9644e1e1-dd83-465d-aff9-86b0ba8138e2"), "hr-investigation", "HR / workplace investigation",
            "Investigation and remedies inside an employer or school: HR, compliance, Title IX and ombuds offices."),
        new(Guid.Parse("f698b6aa-a0ae-422c-b530-8f6d323854e1"), "advocacy", "Advocacy",
            "Accompaniment and advocacy through services, proceedings and institutions."),
        new(Guid.Parse("29b10932-c53b-4666-ba92-c08d880c58c1"), "helpline", "Helpline",
            "Telephone or chat lines for information, crisis support and referral."),
    ];

    private static readonly Dictionary<string, TaxonomyTerm> ByCode = Terms.ToDictionary(term => term.Code, StringComparer.Ordinal);
    private static readonly Dictionary<Guid, TaxonomyTerm> ById = Terms.ToDictionary(term => term.Id);

    public static IReadOnlyList<string> Codes { get; } = [.. Terms.Select(term => term.Code)];

    public static TaxonomyTerm? Find(string code) => ByCode.GetValueOrDefault(code);

    public static TaxonomyTerm? Find(Guid id) => ById.GetValueOrDefault(id);
}
