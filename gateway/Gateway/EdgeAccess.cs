using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway;

/// <summary>
/// The edge: a route needs a valid platform token unless its configuration marks it public
/// (<c>"Metadata": { "Access": "public" }</c>: the token endpoint, discovery, anonymous reports).
/// The service behind every route still validates the token and applies its own policies.
/// </summary>
public static class EdgeAccess
{
    // What could tell who or where a caller of a public route is (anonymous reporters above all).
    private static readonly string[] IdentifyingHeaders =
        ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Via", "User-Agent", "Referer", "Cookie"];

    public static bool IsPublic(RouteConfig route) =>
        route.Metadata?.TryGetValue("Access", out var access) == true && access == "public";

    public static void ApplyEdgeAccess(this ReverseProxyConventionBuilder proxy) =>
        proxy.ConfigureEndpoints((endpoint, route) =>
        {
            if (IsPublic(route))
            {
                endpoint.AllowPublicAccess();
            }
            else
            {
                endpoint.RequireAuthorization().WithMetadata(new AccessPolicy(AccessKind.Proxied));
            }
        });

    /// <summary>
    /// Every request carries the gateway's correlation id (the W3C traceparent is set by YARP's
    /// propagator from the current activity). Public routes forward no client address at all: an
    /// anonymous reporter leaves no IP trace behind the gateway, and the gateway logs none.
    /// </summary>
    public static void Add(TransformBuilderContext context)
    {
        if (IsPublic(context.Route))
        {
            // Host, scheme and prefix still go (discovery builds its public addresses from them); the address does not.
            context.UseDefaultForwarders = false;
            context.AddXForwardedHost();
            context.AddXForwardedProto();
            context.AddXForwardedPrefix();
            foreach (var header in IdentifyingHeaders)
            {
                context.AddRequestHeaderRemove(header);
            }
        }
        context.AddRequestTransform(transform =>
        {
            transform.ProxyRequest.Headers.Remove(CorrelationIdMiddleware.HeaderName);
            transform.ProxyRequest.Headers.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, transform.HttpContext.GetCorrelationId());
            return ValueTask.CompletedTask;
        });
    }
}
