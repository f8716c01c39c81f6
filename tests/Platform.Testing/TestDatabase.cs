using Npgsql;

namespace Platform.Testing;

/// <summary>A fresh PostgreSQL database on the test server, dropped (connections and all) on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var name = UniqueName.For(purpose);
        await AdminAsync($"create database \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = name }.ConnectionString;
        return new TestDatabase(name, connectionString);
    }

    /// <summary>Makes the database refuse connections and drops the open ones: to its users, it is down.</summary>
    public async Task StopAsync()
    {
        await AdminAsync($"alter database \"{Name}\" with allow_connections false");
        await AdminAsync($"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{Name}'");
    }

    public Task StartAsync() => AdminAsync($"alter database \"{Name}\" with allow_connections true");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"drop database if exists \"{Name}\" with (force)");
    }

    private static async Task AdminAsync(string sql)
    {
        // Unpooled: the admin connection must never be one a test has just made unusable.
        var builder = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
