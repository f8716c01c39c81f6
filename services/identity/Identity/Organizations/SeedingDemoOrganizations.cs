using Identity.Clients;
using Npgsql;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Identity.Organizations;

/// <summary>
/// With <c>Seed:DemoData=true</c> (set by <c>./platform up</c>, never in production), a new
/// database gets the demo organizations a newcomer explores the platform with, one API client
/// each, all with the development-only secret <c>Seed:DemoClientSecret</c> (from deploy/dev.env).
/// A database that already has organizations is left as it is, so restarts never duplicate or reset anything.
/// </summary>
public sealed partial class SeedingDemoOrganizations(
    IConfiguration configuration, NpgsqlDataSource dataSource, SchemaState schema, TimeProvider time,
    ILogger<SeedingDemoOrganizations> logger) : BackgroundService
{
    private static readonly string[] AuditorScopes = [Scopes.Identity, Scopes.Intake, Scopes.Cases, Scopes.Referrals, Scopes.Notifications];
    private static readonly string[] PartnerScopes = [.. AuditorScopes, Scopes.IntakeSubmit];

    public static readonly IReadOnlyList<(string Name, OrganizationKind Kind, string ClientId)> Demo =
    [
        ("Riverside Secondary School", OrganizationKind.School, "riverside-school"),
        ("Northwind Logistics", OrganizationKind.Employer, "northwind-logistics"),
        ("Safe Harbour Women's Network", OrganizationKind.Ngo, "safe-harbour"),
        ("Open Door Counselling Collective", OrganizationKind.Counselling, "open-door-counselling"),
        ("Independent Case Review Office", OrganizationKind.Auditor, "case-review-office"),
        ("Platform Operations", OrganizationKind.Platform, "platform-admin"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Seed:DemoData"))
        {
            return;
        }
        var secret = configuration["Seed:DemoClientSecret"] is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("Seed:DemoData needs Seed:DemoClientSecret, the development-only secret of the demo clients.");
        await schema.Applied.WaitAsync(stoppingToken);

        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        // Serializes concurrent first starts; the emptiness check below then sees the winner's rows.
        await using (var lockTable = new NpgsqlCommand("lock table organizations in exclusive mode", connection))
        {
            await lockTable.ExecuteNonQueryAsync(stoppingToken);
        }
        await using (var count = new NpgsqlCommand("select exists (select 1 from organizations)", connection))
        {
            if ((bool)(await count.ExecuteScalarAsync(stoppingToken))!)
            {
                return;
            }
        }

        var now = time.GetUtcNow();
        var ids = new Dictionary<OrganizationKind, Guid>();
        foreach (var (name, kind, clientId) in Demo)
        {
            var organization = await OrganizationDirectory.RegisterAsync(connection, name, kind, now, stoppingToken);
            ids.TryAdd(kind, organization.Id);
            var (scopes, roles) = kind switch
            {
                OrganizationKind.Platform => ([Scopes.IdentityAdmin, .. PartnerScopes], [Roles.PlatformAdmin]),
                OrganizationKind.Auditor => (AuditorScopes, [Roles.Auditor]),
                _ => (PartnerScopes, new[] { Roles.Caseworker }),
            };
            await ClientDirectory.RegisterAsync(connection, new NewClient(clientId, organization.Id, $"{name} integration", scopes, roles),
                now, stoppingToken, secret);
        }
        await OrganizationDirectory.AssignAuditorAsync(connection, ids[OrganizationKind.Auditor], ids[OrganizationKind.School], now, stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        LogSeeded(logger, Demo.Count);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded {Count} demo organizations with one client each into a new database; their secret is the DEVELOPMENT-ONLY Seed:DemoClientSecret")]
    private static partial void LogSeeded(ILogger logger, int count);
}
