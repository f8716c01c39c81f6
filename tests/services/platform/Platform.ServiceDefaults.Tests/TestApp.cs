using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Platform.ServiceDefaults.Tests;

/// <summary>A minimal app on the service defaults, in memory, with whatever endpoints a spec needs.</summary>
internal static class TestApp
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestApp).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseServiceDefaults();
        map(app);
        await app.StartAsync();
        return app;
    }
}
