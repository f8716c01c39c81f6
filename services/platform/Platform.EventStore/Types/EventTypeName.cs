using System.Text.RegularExpressions;

namespace Platform.EventStore.Types;

internal static partial class EventTypeName
{
    /// <summary><c>service.kebab-name.vN</c>: the owner, what happened, and the schema version.</summary>
    public static void Validate(string name)
    {
        if (!Shape().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not an event type name of the form 'service.what-happened.v1'.", nameof(name));
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][a-z0-9]*(-[a-z0-9]+)*\.v[0-9]+$")]
    private static partial Regex Shape();
}
