using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Notifications.Benchmarks;

/// <summary>A partner's receiver on loopback: notes when each webhook id first arrived (Stopwatch ticks) and answers 204.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private Receiver(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, long> Arrived { get; } = new();

    public Uri Address => new(app.Urls.Single());

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hooks", async context =>
        {
            var now = Stopwatch.GetTimestamp();
            await context.Request.Body.CopyToAsync(Stream.Null);
            receiver.Arrived.TryAdd(context.Request.Headers["webhook-id"].ToString(), now);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
