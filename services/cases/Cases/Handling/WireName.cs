using System.Text.Json;

namespace Cases.Handling;

/// <summary>An enum's kebab-case name, exactly as its JSON converter writes it (one spelling in events, read models and queries).</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonSerializer.Serialize(value).Trim('"');
}
