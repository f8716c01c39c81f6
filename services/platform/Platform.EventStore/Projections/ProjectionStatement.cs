using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>One statement of an inline projection's changes.</summary>
public static class ProjectionStatement
{
    /// <summary>
    /// <paramref name="sql"/> with its positional parameters ($1, $2, …) in order: a null is SQL null,
    /// an <see cref="NpgsqlParameter"/> goes as it is (for a type its value does not imply).
    /// </summary>
    public static NpgsqlBatchCommand Of(string sql, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }
}
