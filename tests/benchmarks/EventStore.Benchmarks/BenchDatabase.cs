using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;
using Platform.EventStore.Subscriptions;
using Platform.EventStore.Types;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Benchmarks;

/// <summary>A fresh database with the store's schema, for one measurement; dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private BenchDatabase(string adminConnectionString, string name, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The one pooled data source both the store and the baseline use (default pool settings, as in the services).</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string adminConnectionString, string purpose, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"bench_eventstore_{purpose}_{DateTime.UtcNow:yyyyMMddHHmmss}");
        await AdminAsync(adminConnectionString, $"create database \"{name}\"", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        var database = new BenchDatabase(adminConnectionString, name, connectionString);
        await SchemaMigrations.ApplyAsync(database.DataSource, EventStoreSchema.Migrations, cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await AdminAsync(adminConnectionString, $"drop database if exists \"{Name}\" with (force)", CancellationToken.None);
    }

    public static async Task AdminAsync(string adminConnectionString, string sql, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The store as a service runs it: the store and its started <see cref="LogWatcher"/> (LISTEN, and a
/// coalesced NOTIFY after every append), on the given data source. Stops the watcher on dispose.
/// </summary>
internal sealed class RunningStore : IAsyncDisposable
{
    private RunningStore(NpgsqlDataSource dataSource, EventStore store, LogWatcher watcher)
    {
        DataSource = dataSource;
        Store = store;
        Watcher = watcher;
    }

    public NpgsqlDataSource DataSource { get; }

    public EventStore Store { get; }

    public LogWatcher Watcher { get; }

    public static async Task<RunningStore> StartAsync(
        NpgsqlDataSource dataSource, EventTypeRegistry types, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        // A throw-away master key: the bench's personal data is made up and its database deleted.
        var masterKeys = new MasterKeyRing("bench", new Dictionary<string, byte[]> { ["bench"] = RandomNumberGenerator.GetBytes(MasterKeyRing.KeySize) });
        var keys = new SubjectKeys(dataSource, masterKeys);
        var watcher = new LogWatcher(dataSource, logging.CreateLogger<LogWatcher>(), keys);
        await watcher.StartAsync(cancellationToken);
        return new RunningStore(dataSource, new EventStore(dataSource, types, watcher, Array.Empty<IInlineProjection>(), keys), watcher);
    }

    public async ValueTask DisposeAsync()
    {
        await Watcher.StopAsync(CancellationToken.None);
        Watcher.Dispose();
    }
}
