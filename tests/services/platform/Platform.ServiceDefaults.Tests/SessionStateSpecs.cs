using Npgsql;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Pooled connections are not reset on return, so what a session leaves behind must be ended before it goes back.</summary>
public sealed class SessionStateSpecs
{
    [Fact]
    public async Task The_next_user_of_a_pooled_connection_inherits_no_lock_listen_or_setting()
    {
        await using var database = await TestDatabase.CreateAsync("sessionstate");
        // One physical connection, kept without reset as the services keep theirs: the second open gets the first's session.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { NoResetOnClose = true, MaxPoolSize = 1 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

        int firstSession;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var leave = new NpgsqlCommand(
                "select pg_backend_pid(); select pg_advisory_lock(42); listen somewhere; set plan_cache_mode = force_generic_plan", connection);
            firstSession = (int)(await leave.ExecuteScalarAsync())!;
            await SessionState.EndAsync(connection);
        }

        await using var next = await dataSource.OpenConnectionAsync();
        await using var look = new NpgsqlCommand("""
            select pg_backend_pid(),
                   (select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()),
                   (select count(*) from pg_listening_channels()),
                   current_setting('plan_cache_mode')
            """, next);
        await using var reader = await look.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt32(0).ShouldBe(firstSession);
        (reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)).ShouldBe((0L, 0L, "auto"));
    }
}
