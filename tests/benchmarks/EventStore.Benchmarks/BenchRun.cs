using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.EventStore.Benchmarks;

/// <summary>Runs the chosen measurements, prints one <c>name: value</c> line per figure, writes them as JSON.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, press) =>
        {
            press.Cancel = true;
            stop.Cancel();
        };
        using var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        var started = DateTime.UtcNow;
        var loadAtStart = LoadAverage();
        var context = new BenchContext(options, logging);
        var figures = context.Figures;
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);

        try
        {
            var server = await ServerVersionAsync(options.AdminConnectionString, stop.Token);
            context.Progress.WriteLine($"server: {server}; load average {loadAtStart}");
            figures.Add("cores", Environment.ProcessorCount);
            var phases = new (string Name, Func<BenchContext, CancellationToken, Task> Run)[]
            {
                ("append", AppendRatio.RunAsync),
                ("batch", BatchRatio.RunAsync),
                ("encrypted", EncryptedAppend.RunAsync),
                ("lag", SubscriptionLag.RunAsync),
                ("rebuild", Rebuild.RunAsync),
            };
            foreach (var (name, run) in phases.Where(phase => options.Runs(phase.Name)))
            {
                try
                {
                    await run(context, stop.Token);
                }
                catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // One broken measurement must not cost the others: report it, go on, fail the run at the end.
                    context.Progress.WriteLine($"error: {name} failed: {failure}");
                    failures[name] = failure.Message;
                }
            }

            figures.Print(Console.Out);
            figures.PrintGoals(context.Progress);
            var path = await figures.WriteJsonAsync(ResultsDirectory(options), new Dictionary<string, string>
            {
                ["started_utc"] = started.ToString("O", CultureInfo.InvariantCulture),
                ["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["arguments"] = string.Join(' ', options.Arguments),
                ["server"] = server,
                ["machine"] = Environment.MachineName,
                ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                ["load_average_start"] = loadAtStart,
                ["load_average_end"] = LoadAverage(),
                // Set by ./platform bench: which code was measured.
                ["revision"] = Environment.GetEnvironmentVariable("PLATFORM_BENCH_REVISION") ?? "unknown",
            }, failures, CancellationToken.None);
            foreach (var (name, reason) in failures)
            {
                context.Progress.WriteLine($"FAILED: {name}: {reason}");
            }
            Console.Out.WriteLine($"results: {path}");
            return failures.Count == 0 ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            context.Progress.WriteLine("interrupted");
            return 130;
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            context.Progress.WriteLine($"error: {failure}");
            return 1;
        }
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages: other work on it skews absolute rates.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static async Task<string> ServerVersionAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select version() || ' (fsync ' || current_setting('fsync') || ', synchronous_commit '
                   || current_setting('synchronous_commit') || ', shared_buffers ' || current_setting('shared_buffers') || ')'
            """, connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The given directory, or .data/bench-results at the repository root (outside .data/bench, which the bench profile wipes).</summary>
    private static string ResultsDirectory(BenchOptions options)
    {
        if (options.ResultsDirectory is { } given)
        {
            return Path.GetFullPath(given);
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
                {
                    return Path.Combine(directory.FullName, ".data", "bench-results");
                }
            }
        }
        return Path.Combine(Environment.CurrentDirectory, ".data", "bench-results");
    }
}
