using System.Text.Json;

namespace Cases.Handling;

/// <summary>An enum's kebab-case name, exactly as its JSON converter writes and reads it (one spelling in events, read models and queries).</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonSerializer.Serialize(value).Trim('"');

    /// <summary>Exact names only: never a number, never another casing.</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = Enum.GetValues<TEnum>().FirstOrDefault(candidate => Of(candidate) == name);
        return name is not null && Of(value) == name;
    }
}
