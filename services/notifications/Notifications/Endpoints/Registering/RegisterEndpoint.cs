using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Notifying;
using Notifications.Safety;
using Notifications.Signing;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Notifications.Endpoints.Registering;

public sealed record RegisterEndpointRequest(string? Url, string[]? EventTypes, string? Description);

/// <summary>The one answer that carries the secret: it is never shown again (rotation issues new ones).</summary>
public sealed record IssuedSecret(Guid Id, string Secret, DateTimeOffset CreatedAt);

public sealed record RegisteredEndpoint(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, string Status, DateTimeOffset CreatedAt, IssuedSecret Secret);

public static class RegisterEndpoint
{
    public const int MaxEndpointsPerOrganization = 20;

    public static async Task<Results<Created<RegisteredEndpoint>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterEndpointRequest request, HttpContext context, WebhookTargets targets, SecretProtector protector,
        NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validate(request, targets) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var url = new Uri(request.Url!);
        try
        {
            await targets.ResolveAllowedAsync(url, cancellationToken);
        }
        catch (RefusedAddressException refused)
        {
            return Problems.Unprocessable("url", refused.Message);
        }

        var organizationId = Guid.Parse(context.GetCaller().OrganizationId);
        var now = time.GetUtcNow();
        var endpointId = Guid.CreateVersion7(now);
        var secretId = Guid.CreateVersion7(now);
        var secret = WebhookSecret.New();
        var eventTypes = request.EventTypes!.Distinct().ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Serializes registrations of one organization, so the limit holds under concurrent requests.
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = "endpoints:" + organizationId }, transaction, cancellationToken: cancellationToken));
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from endpoints where organization_id = @organizationId", new { organizationId }, transaction, cancellationToken: cancellationToken));
        if (count >= MaxEndpointsPerOrganization)
        {
            return Problems.Conflict($"An organization may register at most {MaxEndpointsPerOrganization} endpoints; delete one first.");
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into endpoints (id, organization_id, url, event_types, description, status, created_at, updated_at)
            values (@endpointId, @organizationId, @url, @eventTypes, @description, 'active', @now, @now);
            insert into endpoint_secrets (id, endpoint_id, sealed, created_at) values (@secretId, @endpointId, @sealed, @now);
            """, new
        {
            endpointId,
            organizationId,
            url = url.AbsoluteUri,
            eventTypes,
            description = request.Description?.Trim(),
            now,
            secretId,
            @sealed = protector.Seal(endpointId, secretId, secret),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/notifications/endpoints/{endpointId}", new RegisteredEndpoint(
            endpointId, url.AbsoluteUri, eventTypes, request.Description?.Trim(), "active", now, new IssuedSecret(secretId, secret, now)));
    }

    private static Dictionary<string, string[]> Validate(RegisterEndpointRequest request, WebhookTargets targets)
    {
        var errors = new Dictionary<string, string[]>();
        if (targets.CheckForm(request.Url) is { } urlProblem)
        {
            errors["url"] = [urlProblem];
        }
        if (request.EventTypes is not { Length: > 0 } || request.EventTypes.Except(NotificationTypes.All).Any())
        {
            errors["eventTypes"] = [$"One or more of: {string.Join(", ", NotificationTypes.All)}."];
        }
        if (request.Description is { Length: > 200 })
        {
            errors["description"] = ["At most 200 characters."];
        }
        return errors;
    }
}
