using Platform.EventStore.Privacy;

namespace Referrals.Sharing;

/// <summary>
/// The copy of a case's data a referral carries to its recipient: only the fields the consent
/// covers are set. It is personal data of <paramref name="SubjectId"/>, the referral's own share
/// (the referral id), so ending the consent erases exactly this copy: the referring case keeps its
/// own data, and other referrals their own copies.
/// </summary>
public sealed record SharedCaseData(
    [property: DataSubject] Guid SubjectId,
    [property: PersonalData] string? ContactDetails,
    [property: PersonalData] string? Summary,
    [property: PersonalData] string? RiskLevel,
    [property: PersonalData] string? SafetyPlan,
    [property: PersonalData] string? KindAndSetting,
    [property: PersonalData] string? PreferredLanguage)
{
    public const int MaxFieldLength = 4000;

    /// <summary>The fields this copy holds, in the order of <see cref="ShareableField"/> (a method: it is not part of the stored JSON).</summary>
    public IReadOnlyList<ShareableField> HeldFields() =>
        [.. Enum.GetValues<ShareableField>().Where(shareable => ValueOf(shareable) is not null)];

    public string? ValueOf(ShareableField shareable) => shareable switch
    {
        ShareableField.ContactDetails => ContactDetails,
        ShareableField.Summary => Summary,
        ShareableField.RiskLevel => RiskLevel,
        ShareableField.SafetyPlan => SafetyPlan,
        ShareableField.KindAndSetting => KindAndSetting,
        ShareableField.PreferredLanguage => PreferredLanguage,
        _ => null,
    };

    /// <summary>The request's shared data by field name; a name outside <see cref="ShareableField"/> is refused.</summary>
    public static SharedCaseData From(Guid subjectId, IReadOnlyDictionary<string, string>? values)
    {
        var known = new Dictionary<ShareableField, string>();
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            var field = Enum.GetValues<ShareableField>().Cast<ShareableField?>().FirstOrDefault(candidate => WireName.Of(candidate!.Value) == name)
                ?? throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                    $"'{name}' is not a shareable field; shareable fields are {string.Join(", ", Enum.GetValues<ShareableField>().Select(WireName.Of))}.");
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxFieldLength)
            {
                throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable,
                    $"'{name}' needs a value of 1 to {MaxFieldLength} characters.");
            }
            known[field] = value.Trim();
        }
        return new SharedCaseData(subjectId, known.GetValueOrDefault(ShareableField.ContactDetails), known.GetValueOrDefault(ShareableField.Summary),
            known.GetValueOrDefault(ShareableField.RiskLevel), known.GetValueOrDefault(ShareableField.SafetyPlan),
            known.GetValueOrDefault(ShareableField.KindAndSetting), known.GetValueOrDefault(ShareableField.PreferredLanguage));
    }
}
