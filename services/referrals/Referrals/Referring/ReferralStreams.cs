namespace Referrals.Referring;

public static class ReferralStreams
{
    public const string Prefix = "referral-";

    public static string Id(Guid referralId) => Prefix + referralId.ToString("D");
}
