using System.Reflection;
using System.Text.Json.Serialization;

namespace Intake.Reports;

/// <summary>
/// The kebab-case names enums are stored and sent by, read from their
/// <see cref="JsonStringEnumMemberNameAttribute"/> so there is one spelling of each. Requests take
/// these names as plain strings, so an unknown value becomes a field error rather than a JSON failure.
/// </summary>
public static class WireNames
{
    /// <summary>Every accepted name, in declaration order, for error messages.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.All;

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no wire name.");

    /// <summary>Exact and case-sensitive: the names are part of the API, and numbers are never accepted.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ValuesByName.TryGetValue(name ?? "", out value);

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ValuesByName = Enum.GetValues<TEnum>().ToDictionary(Of, StringComparer.Ordinal);

        public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<TEnum>().Select(Of)];
    }
}
