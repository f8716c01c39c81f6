using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Remembers the tokens this process has validated in full, until they expire, so a partner's
/// stream of requests costs one signature check per token instead of one per request (an ES256
/// check is most of the cryptography a request costs). The gateway and every service keep their
/// own: a service never takes the gateway's word for a token, only its own earlier check of the
/// very same string. A tampered token is a different string, so it is never a hit; keys leave the
/// JWKS only after the tokens they signed expired, so no remembered token outlives its key.
/// </summary>
internal sealed class ValidatedTokens(TimeProvider time, int capacity = ValidatedTokens.DefaultCapacity) : JsonWebTokenHandler
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, TokenValidationResult> valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (valid.TryGetValue(token, out var known) && known.SecurityToken.ValidTo > time.GetUtcNow().UtcDateTime)
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
            if (valid.Count >= capacity)
            {
                // Crude but bounded: a burst of distinct tokens costs re-validation, never memory.
                valid.Clear();
            }
            valid[token] = result;
        }
        return result;
    }
}
