using System.Net;
using System.Net.Sockets;

namespace Gateway;

/// <summary>
/// Who a request comes from, as far as per-address limits are concerned. An IPv4 address is one
/// client; an IPv6 address is not: a single subscriber is routinely handed a whole /64 and can pick
/// a fresh address in it for every request, so IPv6 clients are counted by their /64 network. An
/// IPv4 address arriving IPv4-mapped (<c>::ffff:a.b.c.d</c>, dual-stack sockets) counts as itself.
/// </summary>
public static class ClientAddresses
{
    private const int Ipv6NetworkBytes = 8;

    public static string RateLimitKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6NetworkBytes, bytes.Length - Ipv6NetworkBytes);
        return $"{new IPAddress(bytes)}/64";
    }
}
