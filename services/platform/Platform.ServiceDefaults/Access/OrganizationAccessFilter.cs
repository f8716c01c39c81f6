using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// The one place the organization rule is applied: a resource named in the route is reached only
/// by its own organization or by a caller a recorded grant allows. Everyone else gets the same
/// 404 as for a resource that does not exist, so ids of other organizations reveal nothing. A
/// resource published for reading (a directory entry) is read by anyone who reaches the endpoint,
/// and still changed only by its own organization.
/// </summary>
internal sealed class OrganizationAccessFilter(string resourceType, string parameter, bool publishedForReading = false) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var caller = http.GetCaller();
        var resourceId = http.Request.RouteValues[parameter]?.ToString() ?? "";
        var owners = services.GetServices<IResourceOwners>().SingleOrDefault(o => o.ResourceType == resourceType)
            ?? throw new InvalidOperationException($"No IResourceOwners is registered for resource type '{resourceType}'.");

        var owner = await owners.FindOwnerAsync(resourceId, http.RequestAborted);
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (owner is not null && (owner == caller.OrganizationId || (publishedForReading && reading) || await Granted(services, caller, new(resourceType, resourceId, owner, http.Request.Method), http.RequestAborted)))
        {
            return await next(context);
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
            detail: $"There is no {resourceType} '{resourceId}' this client can see.");
    }

    private static async Task<bool> Granted(IServiceProvider services, Caller caller, ResourceRequest request, CancellationToken cancellationToken)
    {
        foreach (var grants in services.GetServices<IAccessGrants>())
        {
            if (await grants.AllowsAsync(caller, request, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }
}
