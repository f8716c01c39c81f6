namespace Platform.EventStore.Appending;

/// <summary>The stream is not at the version the caller decided on: someone else changed it first.</summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actual)
    : Exception($"Stream '{streamId}' is at version {actual}, not the expected {expected}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    public long ActualVersion { get; } = actual;
}

/// <summary>Some of the event ids are already stored, but not as exactly this append to this stream.</summary>
public sealed class DuplicateEventIdException(string streamId)
    : Exception($"Some of the events appended to '{streamId}' reuse ids of events already stored elsewhere.")
{
    public string StreamId { get; } = streamId;
}
