using Npgsql;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Projections;

/// <summary>Feeds a projection's live tables from its subscription.</summary>
public sealed class ProjectionSubscription(IProjection projection) : ISubscriptionHandler
{
    private readonly ProjectionTables tables = ProjectionTables.Live(projection);

    public static string SubscriptionName(IProjection projection) => $"projection:{projection.Name}";

    public Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        projection.ApplyAsync(events, tables, connection, cancellationToken);

    /// <summary>Creates the live tables if this database has never had them.</summary>
    public static async Task EnsureTablesAsync(NpgsqlDataSource dataSource, IProjection projection, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockProjection = new NpgsqlCommand("select pg_advisory_xact_lock(hashtextextended('projection-tables:' || $1, 0))", connection))
        {
            lockProjection.Parameters.AddWithValue(projection.Name);
            await lockProjection.ExecuteNonQueryAsync(cancellationToken);
        }
        var live = ProjectionTables.Live(projection);
        await using (var exists = new NpgsqlCommand("select count(*) from pg_tables where schemaname = current_schema() and tablename = any($1)", connection))
        {
            exists.Parameters.AddWithValue(live.All.Select(table => table.Physical).ToArray());
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == projection.Tables.Count)
            {
                return;
            }
        }
        await using (var create = new NpgsqlCommand(projection.CreateTablesSql(live), connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
