using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Access;

namespace Platform.ServiceDefaults;

internal static class HealthEndpoints
{
    /// <summary>Where the health endpoints are; they answer even while the service is starting.</summary>
    public const string PathPrefix = "/health";

    /// <summary>The tag of every check that must pass before the service takes traffic.</summary>
    public const string Ready = "ready";

    /// <summary>
    /// <c>/health/live</c>: the process answers (no dependency is checked, so a database outage
    /// never gets a healthy process restarted). <c>/health/ready</c>: every check tagged ready passes.
    /// </summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteReport,
        }).AllowPublicAccess();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteReport,
        }).AllowPublicAccess();
    }

    // Names and statuses only: exception messages could carry connection details.
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
