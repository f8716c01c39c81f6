using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Platform.EventStore.Privacy;

/// <summary>
/// One AES-GCM context per data key, shared by every seal and open of that key, one at a time:
/// setting one up cost more than sealing an event's fields with it. A context lives exactly as
/// long as its key's bytes (a weak table keyed by them): when the key caches drop a key (erasure),
/// its context goes with it.
/// </summary>
internal static class DataKeyCiphers
{
    private static readonly ConditionalWeakTable<byte[], AesGcm> Ciphers = [];

    public static void Encrypt(DataKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        var aes = CipherFor(key);
        lock (aes)
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
    }

    public static void Decrypt(DataKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var aes = CipherFor(key);
        lock (aes)
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
    }

    private static AesGcm CipherFor(DataKey key) =>
        key.Key is { Length: DataKey.Size }
            ? Ciphers.GetValue(key.Key, static bytes => new AesGcm(bytes, PersonalDataEnvelope.TagSize))
            : throw new InvalidOperationException($"Data key {key.KeyId} is not {DataKey.Size} bytes.");
}
