using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>One forward-only step of a service's database schema, applied once, in registration order.</summary>
public sealed record SchemaMigration(string Id, string Sql);

/// <summary>Completes when every migration of this process has been applied.</summary>
public sealed class SchemaState
{
    private readonly TaskCompletionSource applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Applied => applied.Task;

    internal void MarkApplied() => applied.TrySetResult();
}

public static partial class SchemaMigrations
{
    /// <summary>
    /// Registers a migration. At start-up the service applies what is missing in one transaction
    /// under an advisory lock, so several instances starting at once apply each step exactly once.
    /// The service is not ready until that has happened; a database that is not up yet is retried.
    /// </summary>
    public static IHostApplicationBuilder AddSchemaMigration(this IHostApplicationBuilder builder, string id, string sql)
    {
        builder.Services.AddSingleton(new SchemaMigration(id, sql));
        if (builder.Services.All(service => service.ServiceType != typeof(SchemaState)))
        {
            builder.Services.AddSingleton<SchemaState>();
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<SchemaMigrator>();
            builder.Services.AddHealthChecks().AddCheck<SchemaHealthCheck>("schema", tags: [HealthEndpoints.Ready]);
        }
        return builder;
    }

    // Any constant works; it only has to be the same in every instance of every service.
    private const long LockKey = 0x706c_6174_666f_726d;

    /// <summary>
    /// Applies the migrations not yet recorded in <c>schema_migrations</c>, in order, in one transaction
    /// under an advisory lock. Returns how many it applied. For programs without a host (tools, benchmarks).
    /// </summary>
    public static async Task<int> ApplyAsync(
        NpgsqlDataSource dataSource, IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"select pg_advisory_xact_lock({LockKey})", cancellationToken);
        await Execute(connection, """
            create table if not exists schema_migrations (
                id text primary key,
                applied_at timestamptz not null default now())
            """, cancellationToken);

        var done = new HashSet<string>();
        await using (var read = new NpgsqlCommand("select id from schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                done.Add(reader.GetString(0));
            }
        }

        var applied = 0;
        foreach (var migration in migrations.Where(migration => !done.Contains(migration.Id)))
        {
            await Execute(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("insert into schema_migrations (id) values ($1)", connection)
            {
                Parameters = { new() { Value = migration.Id } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed partial class SchemaMigrator(
        NpgsqlDataSource dataSource, IEnumerable<SchemaMigration> migrations, SchemaState state,
        ILogger<SchemaMigrator> logger, TimeProvider time) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var delay = TimeSpan.FromMilliseconds(250);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var applied = await ApplyAsync(dataSource, migrations, stoppingToken);
                    LogApplied(logger, applied);
                    state.MarkApplied();
                    return;
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    LogRetry(logger, delay.TotalSeconds, exception.Message);
                    await Task.Delay(delay, time, stoppingToken);
                    delay = Backoff.Next(delay, TimeSpan.FromSeconds(10));
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is current ({Applied} migrations applied now)")]
        private static partial void LogApplied(ILogger logger, int applied);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migrations, retrying in {Seconds}s: {Reason}")]
        private static partial void LogRetry(ILogger logger, double seconds, string reason);
    }

    private sealed class SchemaHealthCheck(SchemaState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.Applied.IsCompletedSuccessfully
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Schema migrations have not been applied yet."));
    }
}
