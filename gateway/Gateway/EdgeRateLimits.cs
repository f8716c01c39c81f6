using System.Globalization;
using System.Threading.RateLimiting;
using Platform.ServiceDefaults.Access;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Per client (the token's <c>client_id</c>) and per address, on every proxied route, and per address
/// again, much tighter, on routes marked <c>"RateLimit": "anonymous"</c>; all must allow a request. Rejections are 429 problems with <c>Retry-After</c>. Limits come from
/// <c>Gateway:RateLimits:PerClient</c>, <c>Gateway:RateLimits:PerAddress</c> and <c>Gateway:RateLimits:AnonymousPerAddress</c> (30 a minute). An address is an IPv4 address or an
/// IPv6 /64 (<see cref="ClientAddresses"/>), used in memory only, for counting: it is neither forwarded
/// for public routes nor logged.
/// </summary>
public static class EdgeRateLimits
{
    public static void AddEdgeRateLimits(this WebApplicationBuilder builder)
    {
        var perClient = builder.Configuration.GetSection("Gateway:RateLimits:PerClient").Get<RateLimit>() ?? new RateLimit { PermitLimit = 1000 };
        var perAddress = builder.Configuration.GetSection("Gateway:RateLimits:PerAddress").Get<RateLimit>() ?? new RateLimit { PermitLimit = 2000 };
        var anonymousPerAddress = builder.Configuration.GetSection("Gateway:RateLimits:AnonymousPerAddress").Get<RateLimit>()
            ?? new RateLimit { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Partitioned(perClient, context => Proxied(context) ? context.User.FindFirst(PlatformClaims.ClientId)?.Value : null),
                Partitioned(perAddress, context => Proxied(context) ? Address(context) : null),
                Partitioned(anonymousPerAddress, context => RouteMetadata(context, "RateLimit") == "anonymous" ? Address(context) : null));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Slow down and retry after the time in Retry-After." },
                });
            };
        });
    }

    // The gateway's own endpoints (health, docs) are not limited: only what it forwards.
    private static bool Proxied(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null;

    private static string Address(HttpContext context) => ClientAddresses.RateLimitKey(context.Connection.RemoteIpAddress);

    // Routes marked "RateLimit": "anonymous" (reports and follow-ups without a token) get a far
    // tighter limit: each request there may cost a slow passphrase hash, and no client id bounds it.
    private static string? RouteMetadata(HttpContext context, string key) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(key);

    // A null key (not a proxied request, or no client) is not limited by this limiter.
    private static PartitionedRateLimiter<HttpContext> Partitioned(RateLimit limit, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => key(context) is { } partition
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));
}
