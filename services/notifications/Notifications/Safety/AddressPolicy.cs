using System.Net;
using System.Net.Sockets;

namespace Notifications.Safety;

/// <summary>Why an address may not be called, or <see cref="Public"/> when it may.</summary>
public enum AddressClass
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    SharedAddressSpace,
    Metadata,
    Unspecified,
    Multicast,
    Reserved,
}

/// <summary>
/// Which addresses a webhook may reach. A partner's URL must never turn the notifications service
/// into a way to call the platform's own network (SSRF): loopback, RFC 1918 and ULA, link-local,
/// CGNAT, cloud metadata, unspecified, multicast and reserved ranges are refused, IPv4 inside IPv6
/// (mapped, NAT64, 6to4) is judged as the IPv4 it carries.
/// </summary>
public static class AddressPolicy
{
    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");

    public static AddressClass Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressClass.Reserved,
        };
    }

    /// <summary>Allowed: public addresses, and loopback when <paramref name="allowLoopback"/> (local development and tests).</summary>
    public static bool Allows(IPAddress address, bool allowLoopback) =>
        Classify(address) switch
        {
            AddressClass.Public => true,
            AddressClass.Loopback => allowLoopback,
            _ => false,
        };

    private static AddressClass ClassifyV4(byte[] b) => (b[0], b[1]) switch
    {
        (169, 254) when b[2] == 169 && b[3] == 254 => AddressClass.Metadata,
        (0, _) => AddressClass.Unspecified,
        (127, _) => AddressClass.Loopback,
        (10, _) => AddressClass.Private,
        (172, >= 16 and <= 31) => AddressClass.Private,
        (192, 168) => AddressClass.Private,
        (169, 254) => AddressClass.LinkLocal,
        (100, >= 64 and <= 127) => AddressClass.SharedAddressSpace,
        // IETF protocol assignments, documentation, benchmarking and 6to4 relay ranges.
        (192, 0) when b[2] is 0 or 2 => AddressClass.Reserved,
        (192, 88) when b[2] == 99 => AddressClass.Reserved,
        (198, 18 or 19) => AddressClass.Reserved,
        (198, 51) when b[2] == 100 => AddressClass.Reserved,
        (203, 0) when b[2] == 113 => AddressClass.Reserved,
        ( >= 224 and <= 239, _) => AddressClass.Multicast,
        ( >= 240, _) => AddressClass.Reserved,
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressClass.Loopback;
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressClass.Unspecified;
        }
        if (address.Equals(AwsIpv6Metadata))
        {
            return AddressClass.Metadata;
        }
        var b = address.GetAddressBytes();
        if (b[0] == 0xff)
        {
            return AddressClass.Multicast;
        }
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return AddressClass.LinkLocal;
        }
        if ((b[0] & 0xfe) == 0xfc)
        {
            return AddressClass.Private;
        }
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 they embed.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return Classify(new IPAddress(b.AsSpan(12, 4)));
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return Classify(new IPAddress(b.AsSpan(2, 4)));
        }
        // Other IPv4-compatible and site-local forms (deprecated) and documentation: never a partner.
        if (b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8))
        {
            return AddressClass.Reserved;
        }
        return AddressClass.Public;
    }
}
