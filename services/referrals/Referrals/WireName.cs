using System.Text.Json;

namespace Referrals;

/// <summary>An enum's kebab-case name, exactly as its JSON converter writes and reads it (one spelling in events, tables and contracts).</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonSerializer.Serialize(value).Trim('"');
}
