using System.Net.Http.Headers;
using System.Text;

namespace Identity.Tokens;

/// <summary>A client-credentials token request (RFC 6749 §4.4), read from the form and the Authorization header.</summary>
public sealed record TokenRequest(string ClientId, string ClientSecret, string GrantType, string? Scope, string? OnBehalfOf)
{
    private const int MaxOnBehalfOfLength = 200;

    /// <summary>The request, or the error to answer with. Secrets from HTTP Basic are form-url-decoded (RFC 6749 §2.3.1).</summary>
    public static (TokenRequest? Request, TokenError? Error) Read(IFormCollection form, string? authorization)
    {
        string? clientId = form["client_id"], clientSecret = form["client_secret"];
        if (authorization is { Length: > 0 })
        {
            if (clientSecret is not null)
            {
                return (null, TokenError.InvalidRequest("Authenticate the client with one method only: HTTP Basic or the form."));
            }
            if (!TryReadBasic(authorization, out var basicId, out clientSecret) || (clientId is not null && clientId != basicId))
            {
                return (null, TokenError.InvalidClient);
            }
            clientId = basicId;
        }
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            return (null, TokenError.InvalidClient);
        }
        if (form["grant_type"].ToString() is not { Length: > 0 } grantType)
        {
            return (null, TokenError.InvalidRequest("grant_type is required."));
        }
        var onBehalfOf = form["on_behalf_of"].ToString();
        if (onBehalfOf.Length > MaxOnBehalfOfLength || onBehalfOf.Any(char.IsControl))
        {
            return (null, TokenError.InvalidRequest($"on_behalf_of must be at most {MaxOnBehalfOfLength} printable characters."));
        }
        var scope = form["scope"].ToString();
        return (new TokenRequest(clientId, clientSecret, grantType, scope.Length > 0 ? scope : null, onBehalfOf.Length > 0 ? onBehalfOf : null), null);
    }

    private static bool TryReadBasic(string authorization, out string clientId, out string clientSecret)
    {
        (clientId, clientSecret) = ("", "");
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            if (pair.Length != 2)
            {
                return false;
            }
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0].Replace('+', ' ')), Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
