using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests.Notifications;

/// <summary>One webhook as a partner's receiver took it.</summary>
public sealed record PartnerWebhook(string Path, string Id, bool SignatureValid, string Body);

/// <summary>
/// A partner's webhook receiver on loopback, written from the Standard Webhooks specification alone (not
/// the service's code): HMAC-SHA256 over <c>id.timestamp.body</c> with the <c>whsec_</c> secret registered
/// for the path, any <c>v1,</c> signature matching, the timestamp within five minutes.
/// </summary>
public sealed class PartnerReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte[]> keys = new();

    private PartnerReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<PartnerWebhook> Received { get; } = new();

    public Uri UrlFor(string path) => new(new Uri(app.Urls.Single()), path);

    public void Expect(string path, string secret) => keys[path] = Convert.FromBase64String(secret["whsec_".Length..]);

    public static async Task<PartnerReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new PartnerReceiver(app);
        app.MapPost("/{**path}", receiver.TakeAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over what was received, for at most a minute.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyCollection<PartnerWebhook>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition(Received))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waited a minute for {what}; received: {string.Join(", ", Received.Select(w => $"{w.Path} {w.Id}"))}");
            await Task.Delay(100);
        }
    }

    private async Task TakeAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value!;
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var valid = keys.TryGetValue(path, out var key) && long.TryParse(timestamp, out var seconds)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) <= 300
            && Signed(key, id, timestamp, body, context.Request.Headers["webhook-signature"].ToString());
        Received.Enqueue(new PartnerWebhook(path, id, valid, Encoding.UTF8.GetString(body)));
        context.Response.StatusCode = valid ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
    }

    private static bool Signed(byte[] key, string id, string timestamp, byte[] body, string signatures)
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        var expected = HMACSHA256.HashData(key, signed);
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(signature => signature.StartsWith("v1,", StringComparison.Ordinal))
            .Any(signature => CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(signature[3..])));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
