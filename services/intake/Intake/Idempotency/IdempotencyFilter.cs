using System.Text.Json;
using Intake.AnonymousAccess;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Access;

namespace Intake.Idempotency;

/// <summary>
/// Makes a POST safe to retry with an <c>Idempotency-Key</c> header: the same key and body get the
/// original response, the same key with another body 422, and a retry while the first attempt is
/// still running 409. Keys are scoped to the caller's organization (to the route for anonymous
/// callers). The body is compared as bound (<typeparamref name="TRequest"/> re-serialized), so
/// whitespace or property order in a retry do not matter.
/// </summary>
public sealed class IdempotencyFilter<TRequest>(bool anonymous) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }
        if (Problem(values.ToString()) is { } invalid)
        {
            return invalid;
        }
        var key = anonymous ? Guid.Parse(values.ToString()).ToString("D") : values.ToString();
        var caller = anonymous ? "anonymous" : $"{http.GetCaller().OrganizationId}/{http.GetCaller().ClientId}";
        var body = JsonSerializer.SerializeToUtf8Bytes(context.Arguments.OfType<TRequest>().SingleOrDefault());

        var requests = http.RequestServices.GetRequiredService<IdempotentRequests>();
        switch (await requests.BeginAsync($"{caller} {Target(http)}", key, body, http.RequestAborted))
        {
            case IdempotencyOutcome.Replay replay:
                return replay.Response;
            case IdempotencyOutcome.DifferentRequest:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The Idempotency-Key was used for another request.",
                    detail: "This key was already used with a different body. Use a new key for a new request.");
            case IdempotencyOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A request with this Idempotency-Key is in progress.",
                    detail: "Retry after a moment: you will get its response.");
            case IdempotencyOutcome.Proceed proceed:
                http.Features.Set(proceed.Request);
                try
                {
                    var result = await next(context);
                    if (!proceed.Request.Completed)
                    {
                        await requests.ReleaseAsync(proceed.Request);
                    }
                    return result;
                }
                catch
                {
                    await requests.ReleaseAsync(proceed.Request);
                    throw;
                }
            default:
                throw new InvalidOperationException("Unknown idempotency outcome.");
        }
    }

    // The endpoint and its route values as parsed, so a retry spelled differently (case, trailing
    // slash) is the same request. A report key counts by its digest: it is never kept in clear.
    private static string Target(HttpContext http) =>
        string.Join(' ', [http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.ToString(),
            .. http.Request.RouteValues.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={Normalized(pair.Value?.ToString())}")]);

    private static string? Normalized(string? value) =>
        Guid.TryParse(value, out var id) ? id.ToString("D") : ReportKey.Parse(value)?.Digest ?? value;

    // Anonymous reporters share one scope, so their keys must be unguessable: a random (version 4)
    // UUID, as the draft recommends. A partner's keys live in its own scope and only need to be sane.
    private ValidationProblem? Problem(string key)
    {
        if (anonymous ? !(Guid.TryParse(key, out var uuid) && uuid.Version == 4) : key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [Header] = [anonymous ? "On this route the key is a random (version 4) UUID." : $"1 to {MaxKeyLength} visible ASCII characters."],
            });
        }
        return null;
    }
}
