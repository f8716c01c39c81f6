using System.Security.Cryptography;

namespace Platform.Testing;

public static class TestKeys
{
    /// <summary>A random 32-byte key, base64: the shape of <c>Identity:SigningKeyEncryptionKey</c>.</summary>
    public static string NewKeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Fresh secrets a service under test needs, as configuration keys (use <c>__</c> for environment
    /// variables): the event store's master key and checkpoint signing key, intake's reference key and
    /// notifications' key for webhook secrets.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceSecrets()
    {
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new Dictionary<string, string>
        {
            ["EventStore:MasterKeys:Current"] = "test",
            ["EventStore:MasterKeys:Keys:test"] = NewKeyEncryptionKey(),
            ["EventStore:Integrity:SigningKey"] = Convert.ToBase64String(signing.ExportPkcs8PrivateKey()),
            ["Intake:Triage:ReferenceKey"] = NewKeyEncryptionKey(),
            ["Notifications:SecretEncryptionKey"] = NewKeyEncryptionKey(),
        };
    }
}
