using System.Data;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>
/// Pooled connections go back to the pool without a reset (<see cref="ServiceDatabase"/> sets No
/// Reset On Close: the reset is seven statements on every checkout, most of PostgreSQL's statements
/// per request). Code that leaves session state behind, a session advisory lock, a LISTEN or a SET,
/// ends it with <see cref="EndAsync"/> before its connection goes back, or the next user would inherit it.
/// </summary>
public static class SessionState
{
    public static async ValueTask EndAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.FullState != ConnectionState.Open)
        {
            return; // broken or closed: the pool discards the physical connection, and its session with it
        }
        try
        {
            await using var end = new NpgsqlCommand("select pg_advisory_unlock_all(); unlisten *; reset all", connection);
            await end.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            // The connection broke on the way, or was left mid-operation by a cancellation: Npgsql
            // never returns such a connection to the pool.
        }
    }
}
