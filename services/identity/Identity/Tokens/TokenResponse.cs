using System.Text.Json.Serialization;

namespace Identity.Tokens;

/// <summary>RFC 6749 §5.1, with OAuth's own snake_case member names.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);
