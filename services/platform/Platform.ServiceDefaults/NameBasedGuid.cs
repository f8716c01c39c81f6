using System.Security.Cryptography;
using System.Text;

namespace Platform.ServiceDefaults;

/// <summary>
/// A name-based UUID: RFC 9562 version 8 over SHA-256 of the name. The same name gives the same id
/// every time, so an id made this way (a report's case, a message's derived notification, a nested
/// directory object) is found again instead of made twice. Names start with their own namespace, so
/// ids of different kinds never meet.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Of(ReadOnlySpan<byte> name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(name, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    public static Guid Of(string name) => Of(Encoding.UTF8.GetBytes(name));
}
