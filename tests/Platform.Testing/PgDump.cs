using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.Testing;

public static class PgDump
{
    /// <summary>The data of a database as a backup holds it (<c>pg_dump --data-only</c>), for checking what is stored in clear.</summary>
    public static async Task<string> DataAsync(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Executable(),
            ["--data-only", "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed: {await error}");
        }
        return await output;
    }

    private static string Executable() =>
        Directory.GetFiles("/usr/lib/postgresql", "pg_dump", SearchOption.AllDirectories).OrderDescending().FirstOrDefault() ?? "pg_dump";
}
