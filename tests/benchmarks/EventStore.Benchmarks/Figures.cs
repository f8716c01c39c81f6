using System.Globalization;
using System.Text.Json;

namespace Platform.EventStore.Benchmarks;

/// <summary>The run's figures, in the order measured: printed as <c>name: value</c> lines and written as JSON.</summary>
internal sealed class Figures
{
    private readonly List<(string Name, double Value, int Decimals)> all = [];
    private readonly List<(string Name, double Value, string Goal, bool Met)> goals = [];

    public void Add(string name, double value, int decimals = 0) => all.Add((name, Math.Round(value, decimals), decimals));

    /// <summary>A figure with a goal: at least (<paramref name="atLeast"/> true) or at most <paramref name="limit"/>.</summary>
    public void AddGoal(string name, double value, int decimals, bool atLeast, double limit)
    {
        Add(name, value, decimals);
        var rounded = Math.Round(value, decimals);
        goals.Add((name, rounded, string.Create(CultureInfo.InvariantCulture, $"{(atLeast ? ">=" : "<=")} {limit}"),
            atLeast ? rounded >= limit : rounded <= limit));
    }

    public static string Format(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public void Print(TextWriter output)
    {
        foreach (var (name, value, decimals) in all)
        {
            output.WriteLine($"{name}: {Format(value, decimals)}");
        }
    }

    public void PrintGoals(TextWriter output)
    {
        output.WriteLine("goals:");
        foreach (var (name, value, goal, met) in goals)
        {
            output.WriteLine($"  {name} = {Format(value, 3)} (goal {goal}): {(met ? "met" : "MISSED")}");
        }
    }

    public async Task<string> WriteJsonAsync(string directory, IReadOnlyDictionary<string, string> run, IReadOnlyDictionary<string, string> failures, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, $"eventstore-{stamp}.json");
        var document = new Dictionary<string, object>
        {
            ["benchmark"] = "eventstore",
            ["run"] = run,
            ["figures"] = all.ToDictionary(figure => figure.Name, figure => figure.Value),
            ["goals"] = goals.ToDictionary(goal => goal.Name, goal => new { goal.Value, goal.Goal, goal.Met }),
            ["failures"] = failures,
        };
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, JsonOptions, cancellationToken);
        return path;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
