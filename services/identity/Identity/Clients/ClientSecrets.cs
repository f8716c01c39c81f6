using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Clients;

/// <summary>
/// Client secrets are generated here (256 random bits, shown to the administrator once) and only
/// their SHA-256 is stored. A salted slow hash protects guessable passwords; a secret this random
/// cannot be guessed from its hash, and the fast hash keeps the token endpoint cheap.
/// </summary>
public static class ClientSecrets
{
    public static string New() => "cs_" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether <paramref name="presented"/> is one of the client's active secrets, in time independent of where they differ.</summary>
    public static bool Matches(string presented, IEnumerable<byte[]> activeHashes)
    {
        var hash = Hash(presented);
        var matched = false;
        foreach (var active in activeHashes)
        {
            matched |= CryptographicOperations.FixedTimeEquals(hash, active);
        }
        return matched;
    }
}
