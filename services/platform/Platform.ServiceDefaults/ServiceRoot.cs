using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.ServiceDefaults.Access;

namespace Platform.ServiceDefaults;

/// <summary>What a service's URL prefix answers with: which service and version owns it.</summary>
public sealed record ServiceRootDocument(string Service, string Version);

public static class ServiceRoot
{
    /// <summary>Any caller with the service's <paramref name="scope"/>: so every service has an endpoint that checks tokens from day one.</summary>
    public static RouteHandlerBuilder MapServiceRoot(this IEndpointRouteBuilder app, string prefix, string scope) =>
        app.MapGet(prefix, (ServiceIdentity service) => TypedResults.Ok(new ServiceRootDocument(service.Name, service.Version)))
            .WithName("ServiceRoot")
            .RequireCaller(scope);
}
