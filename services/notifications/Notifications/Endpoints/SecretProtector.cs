using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Notifications.Endpoints;

/// <summary>
/// Seals signing secrets for the database with AES-256-GCM (<c>Notifications:SecretEncryptionKey</c>),
/// bound to their endpoint and secret ids so a sealed value copied to another row does not open.
/// The secrets must be read back in clear to sign, so a hash would not do. Layout: nonce | tag | ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public SecretProtector(IOptions<NotificationsOptions> options)
    {
        var configured = options.Value.SecretEncryptionKey;
        byte[]? decoded = null;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                decoded = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
            }
        }
        key = decoded is { Length: 32 }
            ? decoded
            : throw new InvalidOperationException("Notifications:SecretEncryptionKey must be 32 bytes, base64 (openssl rand -base64 32).");
    }

    public byte[] Seal(Guid endpointId, Guid secretId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), Associated(endpointId, secretId));
        return sealedValue;
    }

    public string Open(Guid endpointId, Guid secretId, byte[] sealedValue)
    {
        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain, Associated(endpointId, secretId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Associated(Guid endpointId, Guid secretId) =>
        [.. Encoding.ASCII.GetBytes("notifications.webhook-secret.v1|"), .. endpointId.ToByteArray(), .. secretId.ToByteArray()];
}
