namespace Referrals.Directory;

/// <summary>
/// Optimistic concurrency for directory rows: each has a version, its strong ETag (<c>"3"</c>, as
/// stream-backed resources have). A change must name it in If-Match (RFC 9110; 428 without one),
/// and is applied only if the row still has it (412 otherwise), in the update's own WHERE clause.
/// </summary>
public static class RowVersions
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>The versions If-Match names; null when there is none. <c>*</c> names none we could compare (any current version).</summary>
    public static IReadOnlyList<long>? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }
        return [.. header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => tag == "*" ? AnyVersion : tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && long.TryParse(tag[1..^1], out var version) ? version : NoVersion)];
    }

    public const long AnyVersion = -1;

    private const long NoVersion = -2;

    public static bool Matches(IReadOnlyList<long> ifMatch, long current) => ifMatch.Contains(current) || ifMatch.Contains(AnyVersion);
}
