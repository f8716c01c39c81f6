using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.ReadAccess;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.EventStore.Tests.ReadAccess;

/// <summary>A fresh database with the store's schema and the read-access log, as a service has them.</summary>
public sealed class ReadAccessFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public ReadAccessLog Log { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("readaccess");
        DataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await SchemaMigrations.ApplyAsync(DataSource, EventStoreSchema.Migrations, CancellationToken.None);
        Log = new ReadAccessLog(DataSource);
    }

    public static string NewStreamId() => $"case-{Guid.CreateVersion7()}";

    public static string NewOrganizationId() => $"org-{Guid.CreateVersion7()}";

    /// <summary>The database's clock, which stamps the reads.</summary>
    public async Task<DateTimeOffset> DatabaseNowAsync()
    {
        await using var command = DataSource.CreateCommand("select now()");
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!);
    }

    public async Task<long> CountAsync(string streamId)
    {
        await using var command = DataSource.CreateCommand("select count(*) from read_access_log where stream_id = $1");
        command.Parameters.Add(new() { Value = streamId, NpgsqlDbType = NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
