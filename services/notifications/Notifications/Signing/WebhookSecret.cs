using System.Security.Cryptography;

namespace Notifications.Signing;

/// <summary>A signing secret as Standard Webhooks gives it to partners: <c>whsec_</c> then base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int Bytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>The key bytes; the prefix is optional, as in the reference libraries.</summary>
    public static byte[] Decode(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
