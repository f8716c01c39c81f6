using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Access;

namespace Identity.SigningKeys;

public sealed record RotatedKey(string Kid);

public static class SigningKeysApi
{
    /// <summary>Rotation on demand (a suspected leak, a drill); keys also rotate on their own after <c>Identity:SigningKeyLifetime</c>.</summary>
    public static void MapSigningKeysApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/identity/signing-keys/rotation",
                async Task<Ok<RotatedKey>> (SigningKeyStore keys, CancellationToken cancellationToken) =>
                    TypedResults.Ok(new RotatedKey(await keys.RotateAsync(cancellationToken))))
            .WithTags("Signing keys").WithName("RotateSigningKey").RequirePlatformAdministration();
}
