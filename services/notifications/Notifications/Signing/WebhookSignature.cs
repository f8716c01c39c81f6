using System.Security.Cryptography;
using System.Text;

namespace Notifications.Signing;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature</c> is a space-separated list of
/// <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, one per active secret,
/// so a partner rotating secrets verifies with either during the overlap.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>One signature, <c>v1,...</c>, with a <c>whsec_</c> secret.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = WebhookSecret.Decode(secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>The header value: one signature per secret, in the order given.</summary>
    public static string SignAll(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            signatures.Add(Sign(secret, id, timestamp, body));
        }
        return string.Join(' ', signatures);
    }

    /// <summary>
    /// What a receiver does: any listed v1 signature matching (constant-time) within
    /// <paramref name="tolerance"/> of now. Kept here so the tests' receiver verifies exactly as a partner would.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string signatures, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, seconds, body));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected))
            {
                return true;
            }
        }
        return false;
    }
}
