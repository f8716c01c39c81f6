namespace Platform.EventStore;

/// <summary>A stored event as read back: where it sits, what it says, and who caused it when.</summary>
public sealed record RecordedEvent(
    long GlobalPosition,
    ulong TransactionId,
    string StreamId,
    long StreamVersion,
    Guid EventId,
    string EventType,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>Where this event sits in the gap-safe order of the global log.</summary>
    public LogPosition Position => new(TransactionId, GlobalPosition);
}

/// <summary>
/// A place in the global log. The log is ordered by the writing transaction's id, then by position:
/// positions are taken at insert time and commit out of order, but once every transaction below a
/// snapshot's xmin has ended, nothing new can ever sort before it. That is what makes reading gap-safe.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long GlobalPosition) : IComparable<LogPosition>
{
    public static readonly LogPosition Start = new(0, 0);

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId
            ? TransactionId.CompareTo(other.TransactionId)
            : GlobalPosition.CompareTo(other.GlobalPosition);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{TransactionId}/{GlobalPosition}";
}
