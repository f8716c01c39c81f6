namespace Platform.EventStore.ReadAccess;

/// <summary>What a recorded read was of: the values of <see cref="ReadAccessEntry.What"/>.</summary>
public static class ReadAccessWhat
{
    /// <summary>The stream's data (a case, its history, its timeline).</summary>
    public const string Stream = "stream";

    /// <summary>The stream's access log: an auditor's query, itself recorded.</summary>
    public const string AccessLog = "read-access-log";
}
