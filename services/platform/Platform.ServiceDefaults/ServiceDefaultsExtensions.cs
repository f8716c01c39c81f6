using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Access;

namespace Platform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Telemetry, JSON logs with correlation ids, problem details and health checks.
    /// Call first in every Program.cs; pair with <see cref="UseServiceDefaults"/>.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var service = ServiceIdentity.From(builder.Environment);
        builder.Services.AddSingleton(service);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddPlatformLogging(service);
        builder.AddPlatformTelemetry(service);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The middleware every service shares, in the order that makes each one work.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Outermost, so the exception handler's own log line carries the correlation id too.
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<SchemaState>() is not null)
        {
            app.UseMiddleware<SchemaGate>();
        }
        if (PlatformAccess.Enabled(app.Services))
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseMiddleware<AccessPolicyGuard>();
            app.MapPlatformOpenApi();
        }
        app.MapHealthEndpoints();
        return app;
    }
}
