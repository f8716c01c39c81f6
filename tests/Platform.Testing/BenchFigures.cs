using System.Globalization;

namespace Platform.Testing;

/// <summary>
/// What every <c>./platform bench</c> program shares: <c>--name value</c> options, one
/// <c>name: value</c> line per figure (invariant culture, so scripts can read it) and percentiles.
/// </summary>
public static class BenchFigures
{
    public static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated list (<c>--steps 300,400,500</c>).</summary>
    public static int[] OptionList(string[] args, string name, int[] fallback) =>
        OptionText(args, name) is { } text ? [.. text.Split(',').Select(value => int.Parse(value, CultureInfo.InvariantCulture))] : fallback;

    public static void Print(string name, double value, int decimals) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value.ToString("F" + decimals, CultureInfo.InvariantCulture)}"));

    /// <summary>One goal line: the figure as the issue states it, then met or MISSED.</summary>
    public static void Goal(FormattableString figure, bool met) =>
        Console.WriteLine($"  {figure.ToString(CultureInfo.InvariantCulture)}: {(met ? "met" : "MISSED")}");

    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1); NaN when there is nothing.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
