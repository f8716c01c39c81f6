namespace Gateway;

/// <summary>
/// Bodies larger than <c>Gateway:MaxRequestBodyBytes</c> (default 1 MiB) are refused with a 413
/// problem before anything is forwarded; Kestrel's own limit is set to the same figure, for bodies
/// without a Content-Length.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, IConfiguration configuration, IProblemDetailsService problems)
{
    public const long DefaultMaxBytes = 1024 * 1024;

    private readonly long maxBytes = MaxBytes(configuration);

    public static long MaxBytes(IConfiguration configuration) => configuration.GetValue("Gateway:MaxRequestBodyBytes", DefaultMaxBytes);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
            {
                // The body is never read, and Kestrel drops a connection with that much unread: without
                // this, a client would send its next request on the connection being dropped and lose it.
                context.Response.Headers.Connection = "close";
            }
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "The request body is too large.", Detail = $"At most {maxBytes} bytes." },
            });
            return;
        }
        await next(context);
    }
}
