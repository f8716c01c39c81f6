using Referrals.Consents;
using Referrals.Referring;
using Referrals.Sharing;

namespace Referrals.Tests;

/// <summary>One school, one legal-aid NGO, one case, and the times and events the specs share.</summary>
internal static class Examples
{
    public static readonly Guid School = Guid.Parse("0195a6f0-0000-7000-8000-000000000001");
    public static readonly Guid LegalAid = Guid.Parse("0195a6f0-0000-7000-8000-000000000002");
    public static readonly Guid Shelter = Guid.Parse("0195a6f0-0000-7000-8000-000000000003");
    public static readonly Guid CaseId = Guid.Parse("0195a6f0-0000-7000-8000-00000000000c");
    public static readonly Guid ConsentId = Guid.Parse("0195a6f0-0000-7000-8000-0000000000c0");
    public static readonly Guid ReferralId = Guid.Parse("0195a6f0-0000-7000-8000-0000000000f0");
    public static readonly Guid LegalClinic = Guid.Parse("0195a6f0-0000-7000-8000-0000000000a1");
    public static readonly Guid ShelterBeds = Guid.Parse("0195a6f0-0000-7000-8000-0000000000a2");

    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ConsentEnds = Now.AddDays(30);
    public static readonly DateTimeOffset RespondBy = Now.AddHours(72);

    public static readonly IReadOnlyList<ShareableField> ContactAndSummary = [ShareableField.ContactDetails, ShareableField.Summary];

    public static ConsentGranted Granted(Guid? recipient = null, DateTimeOffset? expiresAt = null) =>
        new(ConsentId, School, CaseId, recipient ?? LegalAid, ReferralPurpose.LegalAid, ContactAndSummary, expiresAt ?? ConsentEnds, "riverside-school", Now);

    /// <summary>The consent <see cref="Requested"/> is shared under, while it lasts.</summary>
    public static readonly ConsentState Consent = ConsentState.Fold([Granted()]);

    public static SharedCaseData Data(Guid? referralId = null, string? safetyPlan = null) =>
        new(referralId ?? ReferralId, "+44 7700 900123, after 5pm", "Harassed by a coach since October.", null, safetyPlan, null, null);

    public static readonly ReferralParties Parties = new(CaseId, School, LegalAid);

    public static ReferralRequested Requested(Guid? referralId = null) =>
        new(referralId ?? ReferralId, Parties, LegalClinic, ConsentId, ReferralPurpose.LegalAid, ContactAndSummary, Data(referralId),
            RespondBy, null, "riverside-school", Now);
}
