using System.Globalization;

namespace Platform.EventStore.Benchmarks;

/// <summary>What to measure and for how long. Plain arguments; every one has a default for the full run.</summary>
internal sealed record BenchOptions
{
    public static readonly IReadOnlyList<string> AllPhases = ["append", "batch", "encrypted", "lag", "rebuild"];

    private const string Usage = """
        usage: EventStore.Benchmarks [options]   (admin connection string in PLATFORM_PG_ADMIN)

          --lag-seconds N       subscription lag: how long the paced writer runs (default 60)
          --lag-rate N          subscription lag: events per second (default 1000)
          --rebuild-events N    rebuild: events loaded, 10 per stream (default 1000000)
          --rounds N            append/batch/encrypted: alternating rounds of the two sides, medians taken
                                (default 5; encrypted's 1-writer figure takes at most 3)
          --round-seconds N     append/batch/encrypted: length of one round (default 5)
          --warmup-seconds N    append/batch/encrypted: warm-up of each side before the rounds (default 3)
          --only a,b            phases to run, of: append, batch, encrypted, lag, rebuild (default all)
          --results-dir DIR     where the JSON goes (default <repo>/.data/bench-results)
        """;

    public required string AdminConnectionString { get; init; }

    public int LagSeconds { get; init; } = 60;

    public int LagRate { get; init; } = 1000;

    public int RebuildEvents { get; init; } = 1_000_000;

    public int Rounds { get; init; } = 5;

    public int RoundSeconds { get; init; } = 5;

    public int WarmupSeconds { get; init; } = 3;

    public IReadOnlySet<string> Phases { get; init; } = AllPhases.ToHashSet();

    public string? ResultsDirectory { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public bool Runs(string phase) => Phases.Contains(phase);

    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            error.WriteLine(Usage);
            return null;
        }
        var admin = Environment.GetEnvironmentVariable("PLATFORM_PG_ADMIN");
        if (string.IsNullOrWhiteSpace(admin))
        {
            error.WriteLine("error: PLATFORM_PG_ADMIN (the admin connection string) is not set; run it as ./platform bench eventstore");
            return null;
        }
        var options = new BenchOptions { AdminConnectionString = admin, Arguments = args };
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                int Number() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) is var n and > 0
                    ? n
                    : throw new FormatException($"{args[i - 1]} must be a positive number");
                options = args[i] switch
                {
                    "--lag-seconds" => options with { LagSeconds = Number() },
                    "--lag-rate" => options with { LagRate = Number() },
                    "--rebuild-events" => options with { RebuildEvents = Number() },
                    "--rounds" => options with { Rounds = Number() },
                    "--round-seconds" => options with { RoundSeconds = Number() },
                    "--warmup-seconds" => options with { WarmupSeconds = Number() },
                    "--only" => options with { Phases = ParsePhases(Value()) },
                    "--results-dir" => options with { ResultsDirectory = Value() },
                    _ => throw new FormatException($"unknown argument {args[i]}"),
                };
            }
        }
        catch (FormatException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            error.WriteLine(Usage);
            return null;
        }
        return options;
    }

    private static HashSet<string> ParsePhases(string list)
    {
        var phases = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = phases.Except(AllPhases).ToList();
        return unknown.Count == 0 && phases.Count > 0
            ? phases
            : throw new FormatException($"--only takes some of {string.Join(", ", AllPhases)}, not '{list}'");
    }
}
