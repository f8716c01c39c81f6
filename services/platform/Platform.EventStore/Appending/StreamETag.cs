using Microsoft.AspNetCore.Http;

namespace Platform.EventStore.Appending;

/// <summary>A stream-backed resource's ETag is its stream version, as a strong entity tag: <c>"7"</c>.</summary>
public static class StreamETag
{
    public static string Of(long version) => $"\"{version}\"";

    /// <summary>
    /// The version a change must apply to: the one If-Match names, or the one just loaded when the
    /// client sent none (or <c>*</c>). A version that is not the current one fails now, as the 412 it
    /// will be; an If-Match that is no version of ours (a weak tag included: If-Match compares strongly,
    /// RFC 9110) can never match, so it fails the same way.
    /// </summary>
    public static long Expected(HttpRequest request, string streamId, long current)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0 || ifMatch == "*")
        {
            return current;
        }
        var named = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(tag => tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' && long.TryParse(tag[1..^1], out var version) ? version : -1);
        if (named.Contains(current))
        {
            return current;
        }
        throw new WrongExpectedVersionException(streamId, ExpectedVersion.Any, current);
    }
}
