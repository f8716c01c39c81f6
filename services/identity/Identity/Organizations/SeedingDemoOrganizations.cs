using Npgsql;
using Platform.ServiceDefaults;

namespace Identity.Organizations;

/// <summary>
/// With <c>Seed:DemoData=true</c> (set by <c>./platform up</c>, never in production), a new
/// database gets the demo organizations a newcomer explores the platform with. A database that
/// already has organizations is left as it is, so restarts never duplicate or reset anything.
/// </summary>
public sealed partial class SeedingDemoOrganizations(
    IConfiguration configuration, NpgsqlDataSource dataSource, SchemaState schema, TimeProvider time,
    ILogger<SeedingDemoOrganizations> logger) : BackgroundService
{
    public static readonly IReadOnlyList<(string Name, OrganizationKind Kind)> Demo =
    [
        ("Riverside Secondary School", OrganizationKind.School),
        ("Northwind Logistics", OrganizationKind.Employer),
        ("Safe Harbour Women's Network", OrganizationKind.Ngo),
        ("Open Door Counselling Collective", OrganizationKind.Ngo),
        ("Independent Case Review Office", OrganizationKind.Auditor),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Seed:DemoData"))
        {
            return;
        }
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

        foreach (var (name, kind) in Demo)
        {
            await using var insert = new NpgsqlCommand(
                "insert into organizations (id, name, kind, created_at) values ($1, $2, $3, $4)", connection)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() },
                    new() { Value = name },
                    new() { Value = kind.ToString() },
                    new() { Value = time.GetUtcNow() },
                },
            };
            await insert.ExecuteNonQueryAsync(stoppingToken);
        }
        await transaction.CommitAsync(stoppingToken);
        LogSeeded(logger, Demo.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo organizations into a new database")]
    private static partial void LogSeeded(ILogger logger, int count);
}
