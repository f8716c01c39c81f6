using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Referrals.Directory;

/// <summary>What every directory write shares: the documents' JSON and the If-Match rule.</summary>
public static class DirectoryWrites
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Document<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T Read<T>(string document) => JsonSerializer.Deserialize<T>(document, Json)
        ?? throw new InvalidOperationException("A directory document read as null.");

    /// <summary>
    /// Whether a change may apply to an entry whose current version is <paramref name="current"/>
    /// (null: there is none yet, which only an unconditional request may create).
    /// </summary>
    public static ProblemHttpResult? Precondition(HttpRequest request, long? current, string resource) =>
        (RowVersions.IfMatch(request), current) switch
        {
            (null, null) => null,
            (null, _) => DirectoryProblems.PreconditionRequired(resource),
            (_, null) => DirectoryProblems.PreconditionFailed(resource),
            ({ } ifMatch, { } version) => RowVersions.Matches(ifMatch, version) ? null : DirectoryProblems.PreconditionFailed(resource),
        };
}
