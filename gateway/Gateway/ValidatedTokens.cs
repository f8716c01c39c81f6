using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway;

/// <summary>
/// The edge remembers tokens it has already validated, until they expire, so a partner's stream of
/// requests costs one signature check per token instead of one per request. Only the gateway does
/// this: each service behind it still validates every token in full. A tampered token is a
/// different string, so it is never a hit; keys leave the JWKS only after their tokens expired.
/// </summary>
public sealed class ValidatedTokens(TimeProvider time) : JsonWebTokenHandler
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, TokenValidationResult> valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (valid.TryGetValue(token, out var known) && known.SecurityToken.ValidTo > now)
        {
            // A copy per request: nothing downstream may see another request's identity object.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.SecurityToken,
                ClaimsIdentity = known.ClaimsIdentity.Clone(),
                Issuer = known.Issuer,
                TokenType = known.TokenType,
            };
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (valid.Count >= Capacity)
            {
                // Crude but bounded: a burst of distinct tokens costs re-validation, never memory.
                valid.Clear();
            }
            valid[token] = result;
        }
        return result;
    }

    public static void UseAtTheEdge(WebApplicationBuilder builder) =>
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((options, time) =>
            {
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new ValidatedTokens(time));
            });
}
