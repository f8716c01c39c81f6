using System.Text.RegularExpressions;

namespace Platform.Testing;

internal static partial class UniqueName
{
    /// <summary>A short, readable, collision-free name for a database or virtual host: <c>t_cases_3f9a1c2b</c>.</summary>
    public static string For(string purpose)
    {
        var readable = NotNameChars().Replace(purpose.ToLowerInvariant(), "_");
        if (readable.Length > 40)
        {
            readable = readable[..40];
        }
        return $"t_{readable}_{Guid.NewGuid():N}"[..(readable.Length + 11)];
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotNameChars();
}
