using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Platform.EventStore.Integrity;

/// <summary>
/// The keys of signed checkpoints (ECDSA P-256, SHA-256): the one this service signs with, and the
/// public keys verification trusts (the signing key's own, plus earlier keys kept after a rotation).
/// Trust comes from configuration, never from the database: a forger who can write the tables can
/// also write a public key there. Keys are PEM, or base64 DER (PKCS#8 private, SPKI public), which
/// fits on one line of an environment file.
/// </summary>
public sealed class CheckpointKeys : IDisposable
{
    private readonly ECDsa? signer;
    private readonly Dictionary<string, ECDsa> trusted = new(StringComparer.Ordinal);

    public CheckpointKeys(string? signingKey, IEnumerable<string> trustedPublicKeys)
    {
        if (!string.IsNullOrWhiteSpace(signingKey))
        {
            signer = Import(signingKey, isPrivate: true);
            SigningKeyId = KeyIdOf(signer);
            trusted[SigningKeyId] = signer;
        }
        foreach (var key in trustedPublicKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            var publicKey = Import(key, isPrivate: false);
            if (!trusted.TryAdd(KeyIdOf(publicKey), publicKey))
            {
                publicKey.Dispose();
            }
        }
    }

    /// <summary>Section <c>EventStore:Integrity</c>: <c>SigningKey</c> and <c>TrustedKeys</c> (a list).</summary>
    public static CheckpointKeys FromConfiguration(IConfiguration integrity) => new(
        integrity["SigningKey"],
        integrity.GetSection("TrustedKeys").GetChildren().Select(child => child.Value ?? ""));

    /// <summary>A fresh P-256 key as base64 PKCS#8, for tests and for generating a deployment's key.</summary>
    public static string NewSigningKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    public static string PublicKeyOf(string signingKey)
    {
        using var key = Import(signingKey, isPrivate: true);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    public bool CanSign => signer is not null;

    public string? SigningKeyId { get; }

    public IReadOnlyCollection<string> TrustedKeyIds => trusted.Keys;

    // ECDsa instances are not documented as safe for concurrent use: one signature or check at a time.
    public byte[] Sign(byte[] data)
    {
        var key = signer ?? throw new InvalidOperationException("No checkpoint signing key is configured (EventStore:Integrity:SigningKey).");
        lock (key)
        {
            return key.SignData(data, HashAlgorithmName.SHA256);
        }
    }

    public bool Verify(string keyId, byte[] data, byte[] signature)
    {
        if (!trusted.TryGetValue(keyId, out var key))
        {
            return false;
        }
        lock (key)
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256);
        }
    }

    public void Dispose()
    {
        foreach (var key in trusted.Values)
        {
            key.Dispose();
        }
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key (SPKI).</summary>
    private static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static ECDsa Import(string text, bool isPrivate)
    {
        var key = ECDsa.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                key.ImportFromPem(text);
            }
            else if (isPrivate)
            {
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(text.Trim()), out _);
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text.Trim()), out _);
            }
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("not a P-256 key");
            }
            return key;
        }
        catch (Exception error) when (error is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            // Never echo the key: it may be a private key in the wrong place.
            throw new InvalidOperationException(
                $"A checkpoint {(isPrivate ? "signing" : "trusted public")} key is not a valid ECDSA P-256 key ({error.GetType().Name}).", error);
        }
    }
}
