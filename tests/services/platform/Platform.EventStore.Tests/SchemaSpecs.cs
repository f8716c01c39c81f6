using Npgsql;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.EventStore.Tests;

public sealed class SchemaSpecs
{
    [Fact]
    public async Task Instances_starting_at_once_apply_the_schema_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        var applied = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            SchemaMigrations.ApplyAsync(dataSource, EventStoreSchema.Migrations, CancellationToken.None)));
        var again = await SchemaMigrations.ApplyAsync(dataSource, EventStoreSchema.Migrations, CancellationToken.None);

        applied.Sum().ShouldBe(EventStoreSchema.Migrations.Count);
        again.ShouldBe(0);
        await using var count = dataSource.CreateCommand("select count(*) from schema_migrations");
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(EventStoreSchema.Migrations.Count);
    }
}
