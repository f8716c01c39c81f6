using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Testing;

namespace Intake.Benchmarks;

/// <summary>
/// CPU time each part of the platform spent, read from <c>/proc</c> (Linux): the services, the
/// PostgreSQL server (the postmaster and every backend it forked), the RabbitMQ node and this load
/// generator. CPU per report is what a noisy machine changes least, so it says where time goes
/// when latencies only say that it went.
/// </summary>
internal sealed class CpuUse
{
    private readonly Dictionary<string, Func<double>> parts = [];

    public static async Task<CpuUse> OfAsync(PlatformProcesses platform, IEnumerable<string> services)
    {
        var use = new CpuUse();
        foreach (var service in services)
        {
            var pid = platform[service].ProcessId;
            use.parts[service] = () => ProcessMs(pid);
        }
        var gateway = platform.Gateway.ProcessId;
        use.parts["gateway"] = () => ProcessMs(gateway);
        await using (var connection = new NpgsqlConnection(platform.DatabaseOf("cases")))
        {
            await connection.OpenAsync();
            var postmaster = ParentOf(connection.ProcessID);
            use.parts["postgresql"] = () => ProcessMs(postmaster) + ChildrenMs(postmaster);
        }
        var broker = await TestVirtualHost.BrokerProcessIdAsync();
        use.parts["rabbitmq"] = () => ProcessMs(broker);
        use.parts["load generator"] = () => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        return use;
    }

    public Dictionary<string, double> Read() => parts.ToDictionary(part => part.Key, part => part.Value());

    private static readonly double TicksPerMs = 100 / 1000.0; // USER_HZ is 100 on Linux

    // utime + stime (fields 14 and 15), plus the waited-for children's (16 and 17).
    private static double ProcessMs(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? 0 : (Field(fields, 14) + Field(fields, 15) + Field(fields, 16) + Field(fields, 17)) / TicksPerMs;
    }

    private static double ChildrenMs(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)
            .Sum(ProcessMs);

    private static int ParentOf(int pid) => StatFields(pid) is { } fields ? (int)Field(fields, 4) : 0;

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so fields count from the last ')'.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended (a backend that disconnected)
        }
    }

    // Field numbers as proc(5) gives them: 1 is the pid, 2 the command, 3 the state.
    private static double Field(string[] afterCommand, int number) => double.Parse(afterCommand[number - 3], CultureInfo.InvariantCulture);
}
