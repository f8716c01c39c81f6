using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.EventStore.Benchmarks;

/// <summary>
/// CPU time used so far by this process (client), by the PostgreSQL server (when it runs on this
/// machine), and by the whole machine (every core, every process: what is left is other work that
/// competed with the benchmark).
/// </summary>
internal readonly record struct CpuSample(TimeSpan Client, TimeSpan? Server, TimeSpan? Machine)
{
    public static CpuSample operator -(CpuSample later, CpuSample earlier) =>
        new(later.Client - earlier.Client, later.Server - earlier.Server, later.Machine - earlier.Machine);

    public static CpuSample operator +(CpuSample left, CpuSample right) =>
        new(left.Client + right.Client, left.Server + right.Server, left.Machine + right.Machine);

    /// <summary>Share of the machine's cores that other processes used over <paramref name="elapsed"/>, in percent.</summary>
    public double? OthersPercent(TimeSpan elapsed) =>
        Machine - Client - Server is { } others
            ? Math.Max(0, others.TotalSeconds) / (elapsed.TotalSeconds * Environment.ProcessorCount) * 100
            : null;
}

/// <summary>
/// Reads CPU time from /proc: the client's own, and the server's as the postmaster's (including every
/// child it has reaped: <c>cutime</c>/<c>cstime</c>) plus that of its children still running. So the
/// time of backends that connect and go between two samples is counted too. Linux only; without
/// /proc (or with a remote server) the server figure is left out.
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture .NET runs on.
    private readonly int? postmaster;

    // Of "cpu user nice system idle iowait irq softirq steal": all but idle and iowait.
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7, 8];

    private CpuMeter(int? postmaster) => this.postmaster = postmaster;

    public bool MeasuresServer => postmaster is not null;

    public static async Task<CpuMeter> ForServerOfAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        var stat = ReadStat(backend);
        if (stat is null || !string.Equals(stat.Value.Comm, "postgres", StringComparison.Ordinal))
        {
            return new CpuMeter(null);
        }
        var parent = ReadStat(stat.Value.ParentId);
        return new CpuMeter(parent is { Comm: "postgres" } ? stat.Value.ParentId : null);
    }

    public CpuSample Sample()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSample(self.TotalProcessorTime, ServerTime(), MachineTime());
    }

    /// <summary>Busy time of all cores: the first line of /proc/stat, everything but idle and iowait.</summary>
    private static TimeSpan? MachineTime()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var cpu = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cpu is null || cpu[0] != "cpu" || cpu.Length < 9)
            {
                return null;
            }
            var busy = BusyFields.Sum(field => long.Parse(cpu[field], CultureInfo.InvariantCulture));
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private TimeSpan? ServerTime()
    {
        if (postmaster is not { } root || ReadStat(root) is not { } server)
        {
            return null;
        }
        var ticks = server.Own + server.Children;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } child && child.ParentId == root)
            {
                ticks += child.Own;
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (string Comm, int ParentId, long Own, long Children)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // gone meanwhile, or no /proc
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces or parentheses.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }
        var fields = text[(close + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return (text[(open + 1)..close], (int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }
}
