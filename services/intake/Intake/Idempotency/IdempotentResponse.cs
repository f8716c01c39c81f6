using System.Text;

namespace Intake.Idempotency;

/// <summary>
/// A response as it is both sent and kept for replay, so a retry gets the original byte for byte:
/// status, the headers that matter to a client (Location, ETag) and the JSON body.
/// </summary>
public sealed record IdempotentResponse(int Status, string? Location, string? ETag, string Body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Body), httpContext.RequestAborted);
    }

    // Records print their members; a body may hold a reporter's one-time secrets.
    public override string ToString() => $"{nameof(IdempotentResponse)} {{ {nameof(Status)} = {Status} }}";
}
