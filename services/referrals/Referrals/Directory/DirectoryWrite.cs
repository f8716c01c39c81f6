using Dapper;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals.Directory;

/// <summary>
/// One change to the directory: the caller, the organization it changes (always the token's), the
/// time, and the transaction every statement of the change runs in, its history entry included.
/// </summary>
public sealed class DirectoryWrite : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private DirectoryWrite(Caller caller, DateTimeOffset now, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        (Caller, Now, this.connection, this.transaction) = (caller, now, connection, transaction);
        OrganizationId = Guid.Parse(caller.OrganizationId);
    }

    public Caller Caller { get; }

    public Guid OrganizationId { get; }

    public DateTimeOffset Now { get; }

    public static async Task<DirectoryWrite> BeginAsync(HttpContext http, NpgsqlDataSource database, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            return new(http.GetCaller(), time.GetUtcNow(), connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serializes this organization's changes of one kind until the transaction ends: first publications, limits.</summary>
    public Task LockOrganizationAsync(string kind, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"directory-{kind}:{OrganizationId}" }, transaction, cancellationToken: cancellationToken));

    /// <summary>The entry's version, its row locked until the transaction ends; null when there is no such entry.</summary>
    public Task<long?> LockVersionAsync(string table, string idColumn, Guid id, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"select version from {table} where {idColumn} = @id for update", new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>Appends the entry's new document to the directory's history: who changed it, when, and what it became.</summary>
    public Task RecordChangeAsync(string entity, Guid entityId, long version, string document, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            insert into directory_changes (organization_id, entity, entity_id, version, document, changed_at, client_id, on_behalf_of)
            values (@organizationId, @entity, @entityId, @version, @document::jsonb, @now, @clientId, @onBehalfOf)
            """, new
        {
            organizationId = OrganizationId,
            entity,
            entityId,
            version,
            document,
            now = Now,
            clientId = Caller.ClientId,
            onBehalfOf = Caller.OnBehalfOf,
        }, transaction, cancellationToken: cancellationToken));

    public Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    public Task<T?> ScalarAsync<T>(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object parameters, CancellationToken cancellationToken) =>
        connection.QueryAsync<T>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
