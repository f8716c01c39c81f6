using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>Who this process is, for telemetry resources, logs and the service root document.</summary>
public sealed record ServiceIdentity(string Name, string Version, string InstanceId)
{
    /// <summary>The ActivitySource and Meter name of this service's own spans and instruments.</summary>
    public string TelemetryName => $"Platform.{char.ToUpperInvariant(Name[0])}{Name[1..]}";

    public static ServiceIdentity From(IHostEnvironment environment)
    {
        var name = environment.ApplicationName.ToLowerInvariant();
        // The application's own assembly, not the entry one: under a test host they differ.
        var assembly = Assembly.Load(new AssemblyName(environment.ApplicationName));
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        return new ServiceIdentity(name, version, $"{Environment.MachineName}:{Environment.ProcessId}");
    }
}
