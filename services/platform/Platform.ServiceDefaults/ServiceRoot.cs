using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults;

/// <summary>What a service's URL prefix answers with: which service and version owns it.</summary>
public sealed record ServiceRootDocument(string Service, string Version);

public static class ServiceRoot
{
    public static RouteHandlerBuilder MapServiceRoot(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGet(prefix, (ServiceIdentity service) => TypedResults.Ok(new ServiceRootDocument(service.Name, service.Version)))
            .WithName("ServiceRoot");
}
