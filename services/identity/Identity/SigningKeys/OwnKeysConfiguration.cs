using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Identity.SigningKeys;

/// <summary>
/// Identity validates the tokens for its own API against its key store directly: the same keys it
/// publishes, without an HTTP round trip to itself. Every other service uses discovery.
/// </summary>
public sealed class OwnKeysConfiguration(SigningKeyStore keys, IOptions<TokenSettings> settings, TimeProvider time)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private (OpenIdConnectConfiguration Configuration, DateTimeOffset Until)? cached;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (cached is { } hit && hit.Until > time.GetUtcNow())
        {
            return hit.Configuration;
        }
        var configuration = new OpenIdConnectConfiguration { Issuer = settings.Value.Issuer };
        foreach (var key in await keys.PublishedAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }
        cached = (configuration, time.GetUtcNow() + CacheFor);
        return configuration;
    }

    public void RequestRefresh() => cached = null;
}
