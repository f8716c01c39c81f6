namespace Platform.EventStore.Reading;

public enum ReadDirection
{
    Forward,
    Backward,
}

/// <summary>
/// Which part of a stream to read. <see cref="FromVersion"/> and <see cref="ToVersion"/> are inclusive
/// bounds in reading order (backward reads go from the higher version down to the lower);
/// <see cref="AsOf"/> keeps only events recorded at or before that time: the stream as it stood then.
/// </summary>
public sealed record StreamRead(
    ReadDirection Direction = ReadDirection.Forward,
    long? FromVersion = null,
    long? ToVersion = null,
    DateTimeOffset? AsOf = null,
    int? MaxCount = null)
{
    public static StreamRead All { get; } = new();

    public static StreamRead UpToVersion(long version) => new(ToVersion: version);

    public static StreamRead AsItStoodAt(DateTimeOffset time) => new(AsOf: time);

    public static StreamRead Backward(long? fromVersion = null, int? maxCount = null) =>
        new(ReadDirection.Backward, FromVersion: fromVersion, MaxCount: maxCount);
}

/// <summary>A stream's state folded from its events, and the version it was folded up to (0: no events).</summary>
public sealed record StreamState<TState>(TState State, long Version);
