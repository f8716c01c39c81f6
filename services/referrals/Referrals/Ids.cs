using Npgsql;

namespace Referrals;

/// <summary>The ids a query of the read models names, for work done one stream at a time.</summary>
public static class Ids
{
    /// <summary>The first column of every row <paramref name="sql"/> returns, with <paramref name="values"/> as $1, $2, ...</summary>
    public static async Task<List<Guid>> ReadAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(values);
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }
}
