using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Notifications.Safety;
using Notifications.Signing;

namespace Notifications.Delivering;

/// <summary>What one attempt did on the wire: what the delivery log keeps (no body either way).</summary>
public sealed record AttemptOutcome(bool Delivered, int? StatusCode, double LatencyMs, string Outcome);

/// <summary>
/// Sends one signed CloudEvent: connections only to checked addresses, no proxy, no redirects,
/// a connect and a total timeout, and at most <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient client;
    private readonly WebhookOptions options;
    private readonly TimeProvider time;

    public WebhookSender(WebhookTargets targets, IOptions<NotificationsOptions> options, TimeProvider time)
    {
        this.options = options.Value.Webhooks;
        this.time = time;
        client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = targets.ConnectAsync,
            ConnectTimeout = this.options.ConnectTimeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<AttemptOutcome> SendAsync(Uri url, string webhookId, string body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, webhookId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.SignAll(secrets, webhookId, timestamp, bytes));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            return new(status is >= 200 and < 300, status, Elapsed(started), status is >= 200 and < 300 ? "delivered" : "rejected");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, Elapsed(started), "timeout");
        }
        catch (HttpRequestException exception) when (exception.InnerException is RefusedAddressException)
        {
            return new(false, null, Elapsed(started), "refused-address");
        }
        catch (HttpRequestException)
        {
            return new(false, null, Elapsed(started), "connection-failed");
        }
    }

    // Read and drop at most the limit, so the connection can be reused when the answer is small.
    private async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[8192];
        var total = 0;
        int read;
        while (total < options.MaxResponseBytes && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }
    }

    private static double Elapsed(long started) => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public void Dispose() => client.Dispose();
}
