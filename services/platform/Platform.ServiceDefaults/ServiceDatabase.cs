using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.ServiceDefaults;

public static class ServiceDatabase
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The service's own PostgreSQL database (<c>ConnectionStrings:Postgres</c>), one pooled
    /// data source per process (<paramref name="configure"/> tunes it), and a readiness check that it answers.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        // Read when first resolved, not now: test hosts add their settings after Program starts.
        builder.Services.AddSingleton(provider =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} is not set: name this service's PostgreSQL database.");
            }
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
            // Session state is ended by whoever starts it (see SessionState), so no reset is needed on close.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            // Statements run often are prepared on each connection after a few uses: PostgreSQL then skips
            // parsing and, once it settles on a generic plan, planning (most of its time on short statements).
            dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            configure?.Invoke(dataSource);
            return dataSource.Build();
        });
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(
            "postgres", tags: [HealthEndpoints.Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
            }
        }
    }
}
