using System.Text.Json.Nodes;

namespace Cases.Handling.Auditing;

/// <summary>Field-by-field differences of two JSON documents, as JSON Pointer paths (RFC 6901); arrays compare by index.</summary>
public static class JsonDiff
{
    public static void Compare(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        switch (before, after)
        {
            case (JsonObject left, JsonObject right):
                foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
                {
                    Compare($"{path}/{Escape(name)}", left[name], right[name], changes);
                }
                break;
            case (JsonArray left, JsonArray right):
                for (var index = 0; index < Math.Max(left.Count, right.Count); index++)
                {
                    Compare($"{path}/{index}", index < left.Count ? left[index] : null, index < right.Count ? right[index] : null, changes);
                }
                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    changes.Add(new FieldChange(path.Length == 0 ? "/" : path, before?.DeepClone(), after?.DeepClone()));
                }
                break;
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
