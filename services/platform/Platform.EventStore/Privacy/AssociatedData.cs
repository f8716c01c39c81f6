using System.Text;

namespace Platform.EventStore.Privacy;

/// <summary>
/// The authenticated (not encrypted) context of a ciphertext: domain ‖ 0x00 ‖ key id ‖ subject id.
/// Binding the key id and the subject means a ciphertext moved to another subject's field, or
/// decrypted under another key, fails its tag instead of opening as someone else's data.
/// </summary>
internal static class AssociatedData
{
    /// <summary>Small enough for the stack; longer (string) subject ids use a pooled array.</summary>
    public const int StackLimit = 256;

    public static ReadOnlySpan<byte> PersonalDataDomain => "platform.personal-data.v1"u8;

    public static ReadOnlySpan<byte> DataKeyDomain => "platform.data-key.v1"u8;

    public static int LengthOf(ReadOnlySpan<byte> domain, string subjectId) =>
        domain.Length + 1 + 16 + Encoding.UTF8.GetByteCount(subjectId);

    /// <summary>
    /// Writes the associated data and returns its length. The key id is written big-endian
    /// (RFC 9562 order, the order of its hex form), so the bytes do not depend on the platform.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> domain, Guid keyId, string subjectId, Span<byte> destination)
    {
        domain.CopyTo(destination);
        var position = domain.Length;
        destination[position++] = 0;
        keyId.TryWriteBytes(destination.Slice(position, 16), bigEndian: true, out _);
        position += 16;
        return position + Encoding.UTF8.GetBytes(subjectId, destination[position..]);
    }
}
