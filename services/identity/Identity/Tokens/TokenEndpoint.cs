using Identity.Clients;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Identity.Tokens;

/// <summary><c>POST /connect/token</c>: the OAuth 2.0 client credentials grant (RFC 6749 §4.4).</summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", IssueAsync)
            .WithName("Token")
            .DisableAntiforgery()
            .AllowPublicAccess();

    private static async Task<IResult> IssueAsync(
        HttpContext context, NpgsqlDataSource dataSource, AccessTokens tokens, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return TokenError.InvalidRequest("Send the request as application/x-www-form-urlencoded.").ToResult(context);
        }
        var (request, error) = TokenRequest.Read(await context.Request.ReadFormAsync(cancellationToken), context.Request.Headers.Authorization);
        if (request is null)
        {
            return error!.ToResult(context);
        }
        var client = await ClientDirectory.FindAsync(dataSource, request.ClientId, cancellationToken);
        if (client is null || !ClientSecrets.Matches(request.ClientSecret, client.SecretHashes))
        {
            return TokenError.InvalidClient.ToResult(context);
        }
        if (request.GrantType != "client_credentials")
        {
            return TokenError.UnsupportedGrantType.ToResult(context);
        }
        // No scope asked for: everything the client is allowed (RFC 6749 §3.3 lets the server choose).
        var scopes = request.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList() ?? [.. client.Scopes];
        if (scopes.FirstOrDefault(scope => !client.Scopes.Contains(scope)) is { } notAllowed)
        {
            return TokenError.InvalidScope($"This client may not ask for scope '{notAllowed}'.").ToResult(context);
        }

        var (token, lifetime) = await tokens.IssueAsync(client, scopes, request.OnBehalfOf, cancellationToken);
        TokenError.NoStore(context);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, string.Join(' ', scopes)));
    }
}
