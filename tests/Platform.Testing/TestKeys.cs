using System.Security.Cryptography;

namespace Platform.Testing;

public static class TestKeys
{
    /// <summary>A random 32-byte key, base64: the shape of <c>Identity:SigningKeyEncryptionKey</c>.</summary>
    public static string NewKeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
