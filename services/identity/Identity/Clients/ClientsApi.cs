using System.Text.RegularExpressions;
using Dapper;
using Identity.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Identity.Clients;

public sealed record RegisterClient(string? ClientId, string? Name, string[]? Scopes, string[]? Roles);

/// <summary>Shown once, at registration or when a secret is added: only its hash is kept.</summary>
public sealed record IssuedSecret(string ClientId, Guid? SecretId, string ClientSecret);

/// <summary>The platform administrator registers an organization's API clients and rotates their secrets.</summary>
public static partial class ClientsApi
{
    public static void MapClientsApi(this IEndpointRouteBuilder app)
    {
        var identity = app.MapGroup("/api/identity").WithTags("Clients");
        identity.MapPost("/organizations/{organizationId:guid}/clients", RegisterAsync).WithName("RegisterClient").RequirePlatformAdministration();
        identity.MapPost("/clients/{clientId}/secrets", AddSecretAsync).WithName("AddClientSecret").RequirePlatformAdministration();
        identity.MapDelete("/clients/{clientId}/secrets/{secretId:guid}", RevokeSecretAsync).WithName("RevokeClientSecret").RequirePlatformAdministration();
    }

    private static async Task<Results<Created<IssuedSecret>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        Guid organizationId, RegisterClient request, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await OrganizationDirectory.FindAsync(connection, organizationId, cancellationToken) is not { } organization)
        {
            return NotFound($"No organization {organizationId}.");
        }
        var kind = Enum.Parse<OrganizationKind>(organization.Kind);
        if (Validate(request, kind) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var client = new NewClient(request.ClientId ?? "c-" + Guid.CreateVersion7().ToString("N")[^12..], organizationId,
            request.Name!.Trim(), request.Scopes!.Distinct().ToArray(), (request.Roles ?? []).Distinct().ToArray());
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var secret = await ClientDirectory.RegisterAsync(connection, client, time.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Created($"/api/identity/organizations/{organizationId}", new IssuedSecret(client.ClientId, null, secret));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The client exists.",
                detail: $"A client '{client.ClientId}' is already registered.");
        }
    }

    private static async Task<Results<Created<IssuedSecret>, ProblemHttpResult>> AddSecretAsync(
        string clientId, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from clients where client_id = @clientId)", new { clientId }, cancellationToken: cancellationToken)))
        {
            return NotFound($"No client '{clientId}'.");
        }
        var (secretId, secret) = await ClientDirectory.AddSecretAsync(connection, clientId, time.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/api/identity/clients/{clientId}/secrets/{secretId}", new IssuedSecret(clientId, secretId, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeSecretAsync(
        string clientId, Guid secretId, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "update client_secrets set revoked_at = coalesce(revoked_at, @now) where id = @secretId and client_id = @clientId",
            new { secretId, clientId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return revoked == 0 ? NotFound($"Client '{clientId}' has no secret {secretId}.") : TypedResults.NoContent();
    }

    // Administration and auditing are what the platform and auditor organizations are for, and only theirs.
    private static Dictionary<string, string[]> Validate(RegisterClient request, OrganizationKind kind)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ClientId is not null && !ClientIdPattern().IsMatch(request.ClientId))
        {
            errors["clientId"] = ["3 to 64 characters: lowercase letters, digits and '-', starting with a letter or digit."];
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }
        if (request.Scopes is not { Length: > 0 } || request.Scopes.Except(Scopes.All).Any()
            || (request.Scopes.Contains(Scopes.IdentityAdmin) && kind != OrganizationKind.Platform))
        {
            errors["scopes"] = [$"One or more of: {string.Join(", ", Scopes.All)} ({Scopes.IdentityAdmin} for the platform organization only)."];
        }
        var roles = request.Roles ?? [];
        if (roles.Except(Roles.All).Any()
            || (roles.Contains(Roles.PlatformAdmin) && kind != OrganizationKind.Platform)
            || (roles.Contains(Roles.Auditor) && kind != OrganizationKind.Auditor))
        {
            errors["roles"] = [$"Any of: {string.Join(", ", Roles.All)} ({Roles.PlatformAdmin} for the platform organization, {Roles.Auditor} for auditors)."];
        }
        return errors;
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex ClientIdPattern();
}
