using System.Text.RegularExpressions;

namespace Referrals.Directory;

/// <summary>
/// Languages are BCP 47 tags (<c>en</c>, <c>es-MX</c>, <c>zh-Hant</c>), kept in their canonical case
/// (language lower, script title, region upper) so that searching compares like with like.
/// A search for a language also finds its regional variants: <c>es</c> finds <c>es-MX</c>.
/// </summary>
public static partial class LanguageTags
{
    public const int MaxPerEntry = 30;

    public static string? Canonical(string? tag)
    {
        if (tag is null || !Shape().IsMatch(tag))
        {
            return null;
        }
        var parts = tag.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = (i, parts[i].Length) switch
            {
                (0, _) => parts[i].ToLowerInvariant(),
                (_, 4) => char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant(),
                (_, 2) => parts[i].ToUpperInvariant(),
                _ => parts[i].ToLowerInvariant(),
            };
        }
        return string.Join('-', parts);
    }

    /// <summary>The primary language subtag: the ISO 639 code HSDS's language.code holds.</summary>
    public static string Primary(string canonical) => canonical.Split('-')[0];

    // A primary language subtag of 2-3 letters, then script, region or variant subtags.
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex Shape();
}
