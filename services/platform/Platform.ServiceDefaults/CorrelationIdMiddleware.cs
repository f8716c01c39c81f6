using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is a
/// sane token, otherwise the W3C trace id. It is echoed on the response, put in a logging
/// scope (so every log line of the request has it) and into problem details.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = FromHeader(context.Request.Headers[HeaderName])
            ?? Activity.Current?.TraceId.ToHexString()
            ?? Guid.CreateVersion7().ToString("N");

        context.Items[HeaderName] = correlationId;
        // Set as the response starts: the exception handler clears headers set before then.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("platform.correlation_id", correlationId);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    // A caller-chosen id ends up in logs and event metadata: accept only a short, plain token.
    private static string? FromHeader(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(IsTokenChar) ? value : null;

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}

public static class CorrelationIdHttpContextExtensions
{
    public static string? GetCorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(CorrelationIdMiddleware.HeaderName, out var value) ? value as string : null;
}
