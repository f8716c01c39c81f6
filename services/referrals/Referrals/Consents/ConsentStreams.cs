namespace Referrals.Consents;

public static class ConsentStreams
{
    public const string Prefix = "consent-";

    public static string Id(Guid consentId) => Prefix + consentId.ToString("D");
}
