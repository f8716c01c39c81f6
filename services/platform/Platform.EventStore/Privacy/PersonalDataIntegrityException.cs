namespace Platform.EventStore.Privacy;

/// <summary>
/// A personal field holds something that is not a sealed envelope, or one whose authentication
/// tag does not verify: plain legacy data or tampering. Never thrown for erasure (a missing key).
/// </summary>
public sealed class PersonalDataIntegrityException(string message, string path, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The JSON path of the field, e.g. <c>$.people[1].name</c>.</summary>
    public string Path { get; } = path;
}
