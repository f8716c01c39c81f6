using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// Traces and metrics without OpenTelemetry.Extensions.Hosting (absent from the registry here):
/// the providers are built from the SDK directly and the host owns their lifetime.
/// </summary>
internal static class Telemetry
{
    // Libraries emit these on their own; subscribing by name is all the instrumentation needed.
    private static readonly string[] LibrarySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit"];
    private static readonly string[] LibraryMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http",
        "System.Runtime", "Npgsql", "MassTransit",
    ];

    public static bool OtlpEndpointConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static ResourceBuilder Resource(ServiceIdentity service) =>
        ResourceBuilder.CreateDefault().AddService(
            serviceName: service.Name, serviceNamespace: "platform",
            serviceVersion: service.Version, serviceInstanceId: service.InstanceId);

    public static void AddPlatformTelemetry(this WebApplicationBuilder builder, ServiceIdentity service)
    {
        var export = OtlpEndpointConfigured(builder.Configuration);

        // Traces are always recorded, exported or not: trace ids in logs and the traceparent
        // carried into event metadata need a live Activity even when nothing collects spans.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(service))
            .AddSource(service.TelemetryName, "Platform.*")
            .AddSource(LibrarySources)
            .AddProcessor(new TelemetryPrivacy());
        if (export)
        {
            tracing.AddOtlpExporter();
        }

        // Metrics only aggregate for a reader, so without an exporter there is nothing to build.
        var metrics = export
            ? Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(Resource(service))
                .AddMeter(service.TelemetryName)
                .AddMeter(LibraryMeters)
                .AddOtlpExporter()
                .Build()
            : null;

        builder.Services.AddSingleton<IHostedService>(new TelemetryLifetime(tracing.Build(), metrics));
    }

    /// <summary>Flushes and disposes the providers when the host stops (DI never disposes instances it was handed).</summary>
    private sealed class TelemetryLifetime(TracerProvider? tracer, MeterProvider? meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer?.Dispose();
            meter?.Dispose();
            return Task.CompletedTask;
        }
    }
}
