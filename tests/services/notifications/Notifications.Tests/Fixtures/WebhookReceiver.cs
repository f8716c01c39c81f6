using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Notifications.Signing;

namespace Notifications.Tests.Fixtures;

/// <summary>One request the receiver got: its webhook id, whether its signature verified, and its body.</summary>
public sealed record ReceivedWebhook(string Path, string Id, bool SignatureValid, int AnsweredWith, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A partner's webhook receiver, a real Kestrel on a loopback port: it verifies every request's
/// Standard Webhooks signature with the secret registered for its path, the way a partner's
/// library does, and answers 503 while <see cref="Down"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> secrets = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => this.app = app;

    public bool Down { get; set; }

    /// <summary>The receiver's clock for the signature's age: the service's test clock when a test moves it.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>A wait before answering, to keep deliveries in flight.</summary>
    public TimeSpan Delay { get; set; }

    public Uri Address => new(app.Urls.Single());

    public IReadOnlyCollection<ReceivedWebhook> Received => received;

    public Uri UrlFor(string path) => new(Address, path);

    public void Expect(string path, string secret) => secrets[path] = secret;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Returns once <paramref name="condition"/> holds over what was received, or throws after <paramref name="within"/> with what was.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<ReceivedWebhook>, bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!condition(received))
        {
            var next = Volatile.Read(ref changed).Task;
            if (condition(received))
            {
                return;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited for {what}; received {received.Count}: {string.Join(", ", received.Select(r => $"{r.Path} {r.Id} {r.AnsweredWith}"))}");
            }
            await Task.WhenAny(next, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var path = context.Request.Path.Value!;
        var id = context.Request.Headers[WebhookSignature.IdHeader].ToString();
        var valid = secrets.TryGetValue(path, out var secret) && WebhookSignature.Verify(secret, id,
            context.Request.Headers[WebhookSignature.TimestampHeader].ToString(), context.Request.Headers[WebhookSignature.SignatureHeader].ToString(),
            body.ToArray(), Now(), TimeSpan.FromMinutes(5));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }
        var status = Down ? StatusCodes.Status503ServiceUnavailable : valid ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
        received.Enqueue(new ReceivedWebhook(path, id, valid, status, System.Text.Encoding.UTF8.GetString(body.ToArray()), DateTimeOffset.UtcNow));
        Interlocked.Exchange(ref changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public static class ReceivedWebhooks
{
    /// <summary>The webhook ids a path accepted (answered 2xx).</summary>
    public static HashSet<string> DeliveredTo(this IEnumerable<ReceivedWebhook> received, string path) =>
        [.. received.Where(r => r.Path == path && r.AnsweredWith is >= 200 and < 300).Select(r => r.Id)];

    public static bool Is(this HttpStatusCode status, int code) => (int)status == code;
}
