using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Notifications.Tests.Fixtures;

/// <summary>
/// A partner's receiver that misbehaves, a real Kestrel on a loopback port: <c>/silent</c> never
/// answers, <c>/endless</c> answers 200 with a body that never ends, <c>/moved</c> redirects to
/// <c>/target</c>. It counts the requests each path got and how each ended.
/// </summary>
public sealed class MisbehavingReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private MisbehavingReceiver(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.Single());

    /// <summary>Requests per path.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>Requests per path that the caller gave up on (closed the connection) before they ended.</summary>
    public ConcurrentDictionary<string, int> Abandoned { get; } = new();

    /// <summary>The most bytes of the endless body written before the caller stopped reading.</summary>
    public long EndlessBytesWritten => Interlocked.Read(ref endlessBytesWritten);

    private long endlessBytesWritten;

    public Uri UrlFor(string path) => new(Address, path);

    public static async Task<MisbehavingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new MisbehavingReceiver(app);
        app.MapPost("/silent", receiver.SilentAsync);
        app.MapPost("/endless", receiver.EndlessAsync);
        app.MapPost("/moved", context =>
        {
            Count(receiver.Requests, context);
            context.Response.Redirect("/target", permanent: false, preserveMethod: true);
            return Task.CompletedTask;
        });
        app.MapPost("/target", context =>
        {
            Count(receiver.Requests, context);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return receiver;
    }

    private async Task SilentAsync(HttpContext context)
    {
        Count(Requests, context);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            Count(Abandoned, context);
        }
    }

    private async Task EndlessAsync(HttpContext context)
    {
        Count(Requests, context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        var chunk = new byte[16 * 1024];
        long written = 0;
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                written += chunk.Length;
                InterlockedMax(ref endlessBytesWritten, written);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
        }
        Count(Abandoned, context);
    }

    private static void Count(ConcurrentDictionary<string, int> counts, HttpContext context) =>
        counts.AddOrUpdate(context.Request.Path.Value!, 1, (_, count) => count + 1);

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
