using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace Platform.ServiceDefaults;

internal static class Logging
{
    /// <summary>
    /// One JSON object per line on stdout. Scopes are included because the correlation id
    /// and the trace and span ids travel in them: every line of a request carries all three.
    /// </summary>
    public static void AddPlatformLogging(this WebApplicationBuilder builder, ServiceIdentity service)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // ASP.NET Core's hosting logger would add a RequestPath scope to every line of a request,
        // and paths hold ids and anonymous reporters' report keys. Our own scope carries the correlation id.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        if (Telemetry.OtlpEndpointConfigured(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(options =>
            {
                options.IncludeScopes = true;
                options.SetResourceBuilder(Telemetry.Resource(service));
                options.AddOtlpExporter();
            });
        }
    }
}
