using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Until the schema migrations have been applied, requests other than health checks get 503 with
/// Retry-After, not a 500 from a missing table: a service that started before its database was
/// reachable is unavailable for a moment, not broken.
/// </summary>
internal sealed class SchemaGate(RequestDelegate next, SchemaState schema)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (schema.Applied.IsCompleted || context.Request.Path.StartsWithSegments(HealthEndpoints.PathPrefix))
        {
            return next(context);
        }
        context.Response.Headers.RetryAfter = "1";
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The service is starting.",
            detail: "Its database is not ready yet; retry in a moment.").ExecuteAsync(context);
    }
}
