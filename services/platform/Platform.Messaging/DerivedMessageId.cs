using System.Security.Cryptography;
using System.Text;

namespace Platform.Messaging;

/// <summary>
/// The id of something a consumer makes from a message, besides the one that takes the message's
/// own id: a name-based UUID (RFC 9562 version 8 over SHA-256 of the message id and a name), so a
/// redelivery of the message makes the same ids again and deduplication holds for every one of them.
/// </summary>
public static class DerivedMessageId
{
    public static Guid Of(Guid messageId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var nameLength = Encoding.UTF8.GetByteCount(name);
        Span<byte> input = nameLength <= 240 ? stackalloc byte[16 + nameLength] : new byte[16 + nameLength];
        messageId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
