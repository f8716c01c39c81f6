namespace Identity.Tokens;

/// <summary>
/// An RFC 6749 §5.2 error. The token endpoint answers in OAuth's own format (<c>application/json</c>
/// with <c>error</c> and <c>error_description</c>) because every OAuth client library reads that one.
/// </summary>
public sealed record TokenError(string Error, string Description)
{
    public static TokenError InvalidRequest(string description) => new("invalid_request", description);

    public static TokenError InvalidClient { get; } = new("invalid_client", "Client authentication failed.");

    public static TokenError UnsupportedGrantType { get; } = new("unsupported_grant_type", "Only grant_type=client_credentials is supported.");

    public static TokenError InvalidScope(string description) => new("invalid_scope", description);

    public IResult ToResult(HttpContext context)
    {
        var status = Error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
        if (status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6749 §5.2: a failed client authentication names the scheme the client may use.
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"platform\"";
        }
        NoStore(context);
        return TypedResults.Json(new Dictionary<string, string> { ["error"] = Error, ["error_description"] = Description }, statusCode: status);
    }

    /// <summary>RFC 6749 §5.1: token responses, errors included, are never cached.</summary>
    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
