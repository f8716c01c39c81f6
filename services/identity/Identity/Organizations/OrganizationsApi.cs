using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Identity.Organizations;

public sealed record RegisterOrganization(string? Name, string? Kind);

public sealed record OrganizationView(Guid Id, string Name, string Kind);

public sealed record OrganizationDetails(Guid Id, string Name, string Kind, IReadOnlyList<ClientSummary> Clients);

/// <summary>The platform administrator registers organizations and assigns auditors; an organization reads its own registration.</summary>
public static class OrganizationsApi
{
    private const int MaxNameLength = 200;

    public static void MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/identity/organizations").WithTags("Organizations");
        organizations.MapGet("", ListAsync).WithName("ListOrganizations").RequirePlatformAdministration();
        organizations.MapPost("", RegisterAsync).WithName("RegisterOrganization").RequirePlatformAdministration();
        organizations.MapGet("/{organizationId:guid}", GetAsync).WithName("GetOrganization")
            .RequireOrganizationAccess(OrganizationOwners.Type, "organizationId", Scopes.Identity);
        organizations.MapPut("/{organizationId:guid}/audited-organizations/{auditedOrganizationId:guid}", AssignAuditorAsync)
            .WithName("AssignAuditor").RequirePlatformAdministration();
    }

    public static OrganizationView View(Organization organization) =>
        new(organization.Id, organization.Name, Enum.Parse<OrganizationKind>(organization.Kind).Name());

    private static async Task<Ok<OrganizationView[]>> ListAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return TypedResults.Ok((await OrganizationDirectory.ListAsync(connection, cancellationToken)).Select(View).ToArray());
    }

    private static async Task<Results<Created<OrganizationView>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterOrganization request, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"A name of 1 to {MaxNameLength} characters is required."];
        }
        if (request.Kind is null || !OrganizationKinds.ByName.TryGetValue(request.Kind, out _))
        {
            errors["kind"] = [$"One of: {string.Join(", ", OrganizationKinds.ByName.Keys)}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var organization = await OrganizationDirectory.RegisterAsync(
                connection, request.Name!.Trim(), OrganizationKinds.ByName[request.Kind!], time.GetUtcNow(), cancellationToken);
            return TypedResults.Created($"/api/identity/organizations/{organization.Id}", View(organization));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organization exists.",
                detail: $"An organization named '{request.Name}' is already registered.");
        }
    }

    private static async Task<Ok<OrganizationDetails>> GetAsync(Guid organizationId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The organization check ran first: the organization exists and the caller may see it.
        var organization = View((await OrganizationDirectory.FindAsync(connection, organizationId, cancellationToken))!);
        var clients = await OrganizationDirectory.ClientsAsync(connection, organizationId, cancellationToken);
        return TypedResults.Ok(new OrganizationDetails(organization.Id, organization.Name, organization.Kind, clients));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AssignAuditorAsync(
        Guid organizationId, Guid auditedOrganizationId, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var auditor = await OrganizationDirectory.FindAsync(connection, organizationId, cancellationToken);
        var audited = await OrganizationDirectory.FindAsync(connection, auditedOrganizationId, cancellationToken);
        if (auditor is null || audited is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                detail: "Both the auditor and the audited organization must be registered.");
        }
        if (auditor.Kind != nameof(OrganizationKind.Auditor))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not an auditor.",
                detail: $"Organization {organizationId} is a {View(auditor).Kind}, not an auditor.");
        }
        await OrganizationDirectory.AssignAuditorAsync(connection, organizationId, auditedOrganizationId, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
