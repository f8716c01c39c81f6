using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Platform.EventStore.Privacy;

/// <summary>
/// One AES-GCM context per key (data keys, and the master key that wraps new ones), shared by every
/// use of that key, one at a time: setting one up cost more than sealing an event's fields with
/// it. A context lives exactly as long as its key's bytes (a weak table keyed by them): when the
/// key caches drop a data key (erasure), its context goes with it.
/// </summary>
internal static class KeyCiphers
{
    private static readonly ConditionalWeakTable<byte[], AesGcm> Ciphers = [];

    public static void Encrypt(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        var aes = CipherFor(key);
        lock (aes)
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
    }

    public static void Decrypt(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var aes = CipherFor(key);
        lock (aes)
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
    }

    private static AesGcm CipherFor(byte[] key) => Ciphers.GetValue(key, static bytes => new AesGcm(bytes, PersonalDataEnvelope.TagSize));
}
