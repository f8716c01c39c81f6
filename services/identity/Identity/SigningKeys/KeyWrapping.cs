using System.Security.Cryptography;
using System.Text;

namespace Identity.SigningKeys;

/// <summary>
/// Private signing keys are stored only encrypted (AES-256-GCM, the kid as associated data) with
/// the key-encryption key from <c>Identity:SigningKeyEncryptionKey</c> (32 bytes, base64): a copy
/// of the database alone signs nothing. <c>./platform up</c> passes the development default from
/// <c>deploy/dev.env</c>; anything else must supply its own from a secret store.
/// </summary>
public sealed class KeyWrapping
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public KeyWrapping(IConfiguration configuration)
    {
        var configured = configuration["Identity:SigningKeyEncryptionKey"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "Identity:SigningKeyEncryptionKey is not set: give identity a 32-byte key, base64, to encrypt its signing keys with.");
        }
        key = Convert.FromBase64String(configured);
        if (key.Length != 32)
        {
            throw new InvalidOperationException("Identity:SigningKeyEncryptionKey must be 32 bytes, base64-encoded.");
        }
    }

    public byte[] Wrap(string kid, byte[] privateKey)
    {
        var sealedKey = new byte[NonceSize + TagSize + privateKey.Length];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(kid));
        return sealedKey;
    }

    public byte[] Unwrap(string kid, byte[] sealedKey)
    {
        var privateKey = new byte[sealedKey.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedKey.AsSpan(0, NonceSize), sealedKey.AsSpan(NonceSize + TagSize), sealedKey.AsSpan(NonceSize, TagSize), privateKey, Encoding.UTF8.GetBytes(kid));
        return privateKey;
    }
}
