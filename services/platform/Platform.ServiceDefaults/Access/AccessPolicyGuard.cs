using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Fails closed: an endpoint that declares no <see cref="AccessPolicy"/> is never run. It answers
/// 500 (a programming error, not the caller's) and the log names the endpoint to fix. Routing's
/// own rejections (405 for a method, 415 for a content type an endpoint does not accept) are not
/// route endpoints and run no application code, so they pass.
/// </summary>
internal sealed partial class AccessPolicyGuard(RequestDelegate next, ILogger<AccessPolicyGuard> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<AccessPolicy>() is not null)
        {
            return next(context);
        }
        LogUndeclared(logger, endpoint.DisplayName);
        return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError,
            title: "An unexpected error occurred.", detail: "The error was logged; quote the correlation id to support.")
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Endpoint {Endpoint} declares no access policy and was not run")]
    private static partial void LogUndeclared(ILogger logger, string? endpoint);
}
