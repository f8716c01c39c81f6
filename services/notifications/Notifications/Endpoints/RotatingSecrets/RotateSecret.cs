using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Notifications.Endpoints.Registering;
using Notifications.Signing;
using Npgsql;

namespace Notifications.Endpoints.RotatingSecrets;

/// <param name="PreviousSecretsValidForSeconds">How long the secrets active now keep signing (0 ends them at once); default <c>Notifications:Webhooks:DefaultRotationOverlap</c>.</param>
public sealed record RotateSecretRequest(long? PreviousSecretsValidForSeconds);

/// <summary>
/// A new secret, shown once. Until the previous ones expire every delivery carries one signature
/// per active secret, so the partner switches its verifier over without missing a notification.
/// </summary>
public static class RotateSecret
{
    private const int MaxActiveSecrets = 5;

    public static async Task<Results<Created<IssuedSecret>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid endpointId, RotateSecretRequest? request, SecretProtector protector, IOptions<NotificationsOptions> options,
        NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var overlap = request?.PreviousSecretsValidForSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : options.Value.Webhooks.DefaultRotationOverlap;
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(30))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["previousSecretsValidForSeconds"] = ["From 0 to 2592000 (30 days)."],
            });
        }
        var now = time.GetUtcNow();
        var secretId = Guid.CreateVersion7(now);
        var secret = WebhookSecret.New();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            select count(*) from endpoint_secrets where endpoint_id = @endpointId and (expires_at is null or expires_at > @now)
            """, new { endpointId, now }, transaction, cancellationToken: cancellationToken));
        if (active >= MaxActiveSecrets)
        {
            return Problems.Conflict($"At most {MaxActiveSecrets} secrets are active at once; wait for one to expire.");
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            update endpoint_secrets set expires_at = least(coalesce(expires_at, @until), @until)
            where endpoint_id = @endpointId and (expires_at is null or expires_at > @now);
            insert into endpoint_secrets (id, endpoint_id, sealed, created_at) values (@secretId, @endpointId, @sealed, @now);
            """, new { endpointId, now, until = now + overlap, secretId, @sealed = protector.Seal(endpointId, secretId, secret) },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/endpoints/{endpointId}", new IssuedSecret(secretId, secret, now));
    }
}
