using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Platform.EventStore.Privacy;

/// <summary>
/// The stored form of one personal value: <c>pd1.&lt;key id, 32 hex&gt;.&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;</c>.
/// The plaintext is the UTF-8 JSON of the value, so any JSON value seals the same way. The key id
/// is in clear so readers can fetch exactly the keys an event needs before opening it.
/// </summary>
internal static class PersonalDataEnvelope
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private const string Prefix = "pd1.";
    private static ReadOnlySpan<byte> Utf8Prefix => "pd1."u8;
    private const int KeyIdLength = 32;
    private const int PayloadStart = 4 + KeyIdLength + 1;

    /// <summary>The bytes <see cref="Seal"/> writes for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static int SealedLength(int plaintextLength) => 2 + PayloadStart + Base64Url.GetEncodedLength(NonceSize + plaintextLength + TagSize);

    /// <summary>
    /// Seals <paramref name="plaintext"/> with <paramref name="key"/> under <paramref name="nonce"/>
    /// and writes the envelope as a JSON string (quoted; it needs no escaping) to
    /// <paramref name="destination"/>; returns the bytes written (<see cref="SealedLength"/>).
    /// </summary>
    public static int Seal(DataKey key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var sealedLength = NonceSize + plaintext.Length + TagSize;
        var rented = ArrayPool<byte>.Shared.Rent(sealedLength);
        byte[]? pooledAad = null;
        try
        {
            var sealedBytes = rented.AsSpan(0, sealedLength);
            nonce.CopyTo(sealedBytes);

            var aadLength = AssociatedData.LengthOf(AssociatedData.PersonalDataDomain, key.SubjectId);
            Span<byte> aad = aadLength <= AssociatedData.StackLimit
                ? stackalloc byte[AssociatedData.StackLimit]
                : (pooledAad = ArrayPool<byte>.Shared.Rent(aadLength));
            aad = aad[..AssociatedData.Write(AssociatedData.PersonalDataDomain, key.KeyId, key.SubjectId, aad)];

            KeyCiphers.Encrypt(BytesOf(key), nonce, plaintext, sealedBytes.Slice(NonceSize, plaintext.Length), sealedBytes[^TagSize..], aad);

            destination[0] = (byte)'"';
            Utf8Prefix.CopyTo(destination[1..]);
            key.KeyId.TryFormat(destination.Slice(1 + Prefix.Length, KeyIdLength), out _, "N");
            destination[PayloadStart] = (byte)'.';
            var written = 1 + PayloadStart + Base64Url.EncodeToUtf8(sealedBytes, destination[(1 + PayloadStart)..]);
            destination[written] = (byte)'"';
            return written + 1;
        }
        finally
        {
            // Only ciphertext and public context were in these buffers: nothing to clear.
            ArrayPool<byte>.Shared.Return(rented);
            if (pooledAad is not null)
            {
                ArrayPool<byte>.Shared.Return(pooledAad);
            }
        }
    }

    private static byte[] BytesOf(DataKey key) =>
        key.Key is { Length: DataKey.Size } ? key.Key : throw new InvalidOperationException($"Data key {key.KeyId} is not {DataKey.Size} bytes.");

    /// <summary>The key id of the envelope in <paramref name="slot"/>; anything else there is an integrity failure.</summary>
    public static Guid KeyIdOf(PersonalSlot slot) => Parse(slot).KeyId;

    /// <summary>Decrypts and authenticates the envelope in <paramref name="slot"/> into the JSON value it sealed.</summary>
    public static JsonNode? Open(PersonalSlot slot, DataKey key)
    {
        var (keyId, envelope) = Parse(slot);
        if (slot.Subject.Id is not { } subjectId)
        {
            throw new PersonalDataIntegrityException(
                $"The personal data at {slot.Path} cannot be verified: its data subject ({slot.Subject.Path}) is missing or empty.", slot.Path);
        }

        var payload = envelope.AsSpan(PayloadStart);
        var sealedBytes = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(payload.Length));
        byte[]? plaintext = null;
        byte[]? pooledAad = null;
        try
        {
            if (Base64Url.DecodeFromChars(payload, sealedBytes, out _, out var sealedLength) != OperationStatus.Done
                || sealedLength < NonceSize + TagSize)
            {
                throw Malformed(slot);
            }
            var plaintextLength = sealedLength - NonceSize - TagSize;
            plaintext = ArrayPool<byte>.Shared.Rent(plaintextLength);

            var aadLength = AssociatedData.LengthOf(AssociatedData.PersonalDataDomain, subjectId);
            Span<byte> aad = aadLength <= AssociatedData.StackLimit
                ? stackalloc byte[AssociatedData.StackLimit]
                : (pooledAad = ArrayPool<byte>.Shared.Rent(aadLength));
            aad = aad[..AssociatedData.Write(AssociatedData.PersonalDataDomain, keyId, subjectId, aad)];

            var sealedSpan = sealedBytes.AsSpan(0, sealedLength);
            try
            {
                KeyCiphers.Decrypt(BytesOf(key), sealedSpan[..NonceSize], sealedSpan.Slice(NonceSize, plaintextLength), sealedSpan[^TagSize..], plaintext.AsSpan(0, plaintextLength), aad);
            }
            catch (AuthenticationTagMismatchException exception)
            {
                throw new PersonalDataIntegrityException(
                    $"The personal data at {slot.Path} failed authentication: it was altered, or moved from another subject's field.", slot.Path, exception);
            }
            return JsonNode.Parse(plaintext.AsSpan(0, plaintextLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBytes);
            if (plaintext is not null)
            {
                // Personal data: do not leave it in a shared pool.
                ArrayPool<byte>.Shared.Return(plaintext, clearArray: true);
            }
            if (pooledAad is not null)
            {
                ArrayPool<byte>.Shared.Return(pooledAad);
            }
        }
    }

    private static (Guid KeyId, string Envelope) Parse(PersonalSlot slot)
    {
        if (slot.Value is not JsonValue value
            || !value.TryGetValue(out string? envelope)
            || envelope.Length <= PayloadStart
            || !envelope.StartsWith(Prefix, StringComparison.Ordinal)
            || envelope[PayloadStart - 1] != '.'
            || !Guid.TryParseExact(envelope.AsSpan(Prefix.Length, KeyIdLength), "N", out var keyId))
        {
            throw Malformed(slot);
        }
        return (keyId, envelope);
    }

    private static PersonalDataIntegrityException Malformed(PersonalSlot slot) =>
        new($"The personal data at {slot.Path} is not a sealed envelope: plain (legacy) or tampered data where only ciphertext may be.", slot.Path);
}
