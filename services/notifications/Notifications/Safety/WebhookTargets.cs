using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Notifications.Safety;

/// <summary>An address a webhook may not reach; the message names the class, never the partner's URL.</summary>
public sealed class RefusedAddressException(string message) : Exception(message);

/// <summary>
/// The one place that decides whether a webhook URL may be called: at registration, and again at
/// every connection (the name is resolved, every address checked, and the socket connected to a
/// checked address, so a name that changes its answer between the two (DNS rebinding) gains nothing).
/// </summary>
public sealed class WebhookTargets(IHostResolver resolver, IOptions<NotificationsOptions> options)
{
    private bool AllowLoopback => options.Value.Webhooks.AllowInsecureLoopback;

    /// <summary>Null when the URL's form is acceptable; otherwise why not (a 400).</summary>
    public string? CheckForm(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "An absolute https URL of at most 2000 characters is required.";
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && AllowLoopback))
        {
            return "The URL must use https.";
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "The URL must not carry credentials or a fragment.";
        }
        return null;
    }

    /// <summary>The addresses of <paramref name="uri"/>'s host, all allowed; throws <see cref="RefusedAddressException"/> otherwise.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                throw new RefusedAddressException("The host name does not resolve.");
            }
        }
        if (addresses.Length == 0)
        {
            throw new RefusedAddressException("The host name does not resolve.");
        }
        foreach (var address in addresses)
        {
            if (!AddressPolicy.Allows(address, AllowLoopback))
            {
                throw new RefusedAddressException($"The host resolves to a {AddressPolicy.Classify(address)} address, which webhooks may not reach.");
            }
        }
        // Plain http is for a receiver on this machine only, never across a network.
        if (uri.Scheme == Uri.UriSchemeHttp && addresses.Any(address => AddressPolicy.Classify(address) != AddressClass.Loopback))
        {
            throw new RefusedAddressException("Plain http is allowed to loopback addresses only.");
        }
        return addresses;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to a checked address of the request's host.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var uri = context.InitialRequestMessage.RequestUri!;
        var addresses = await ResolveAllowedAsync(uri, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
