using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

internal static class ProblemDetailsDefaults
{
    /// <summary>
    /// Every error body is RFC 9457 problem details carrying the correlation and trace ids,
    /// so a partner can quote one id and support finds every log line of the request.
    /// </summary>
    public static void AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Instance ??= $"{http.Request.PathBase}{http.Request.Path}";
            if (http.GetCorrelationId() is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
            if (Activity.Current is { } activity)
            {
                context.ProblemDetails.Extensions["traceId"] = activity.TraceId.ToHexString();
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
    }
}

/// <summary>
/// Turns exceptions into problem responses. Malformed requests keep their 4xx status; anything
/// else is a 500 whose body says only that it was logged: no message, no type, no stack trace.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problemDetails, IEnumerable<ProblemMapping> mappings, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var mapping = mappings.FirstOrDefault(m => m.ExceptionType.IsInstanceOfType(exception));
        var (status, title, detail) = (mapping?.Map(exception, context), exception) switch
        {
            ({ } problem, _) => (problem.Status, problem.Title, problem.Detail),
            (_, BadHttpRequestException bad) => (bad.StatusCode, "The request could not be read.", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
                "The error was logged; quote the correlation id to support."),
        };

        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception);
        }

        context.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while processing the request")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
