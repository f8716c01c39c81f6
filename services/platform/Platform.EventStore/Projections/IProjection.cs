using Npgsql;

namespace Platform.EventStore.Projections;

/// <summary>
/// An asynchronous read model: tables kept up to date by a subscription, and rebuildable from the
/// start of the log into fresh tables that replace the live ones only once they have caught up.
/// The projection always names its tables through <see cref="ProjectionTables"/>, never directly.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name; the subscription is <c>projection:{Name}</c>.</summary>
    string Name { get; }

    /// <summary>The logical names of the tables it owns.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>DDL creating its tables under the given names (no <c>if not exists</c>: the store decides when).</summary>
    string CreateTablesSql(ProjectionTables tables);

    /// <summary>Applies a batch of events in log order, in the transaction that moves the checkpoint.</summary>
    Task ApplyAsync(IReadOnlyList<RecordedEvent> events, ProjectionTables tables, NpgsqlConnection connection, CancellationToken cancellationToken);
}

/// <summary>Maps a projection's logical table names to the physical ones in use (live, or being rebuilt).</summary>
public sealed class ProjectionTables
{
    private const string RebuildSuffix = "__rebuild";
    private readonly Dictionary<string, string> physical;

    private ProjectionTables(IEnumerable<string> logical, string suffix) =>
        physical = logical.ToDictionary(name => name, name => name + suffix, StringComparer.Ordinal);

    public static ProjectionTables Live(IProjection projection) => new(projection.Tables, "");

    public static ProjectionTables Rebuild(IProjection projection) => new(projection.Tables, RebuildSuffix);

    public string this[string logical] =>
        physical.TryGetValue(logical, out var name)
            ? $"\"{name}\""
            : throw new ArgumentException($"'{logical}' is not one of the projection's tables.", nameof(logical));

    internal IEnumerable<(string Logical, string Physical)> All => physical.Select(pair => (pair.Key, pair.Value));
}
