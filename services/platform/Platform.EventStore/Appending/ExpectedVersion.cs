namespace Platform.EventStore.Appending;

/// <summary>What the stream's version must be for an append to go through.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for <see cref="Any"/>, 0 for <see cref="NoStream"/>, otherwise the exact version.</summary>
    public long Value { get; }

    /// <summary>No check: append at the end, whatever the version (retried on a concurrent append).</summary>
    public static ExpectedVersion Any { get; } = new(-1);

    /// <summary>The stream must not exist yet: starting it.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A stream version is 0 or more.");

    public override string ToString() => Value switch
    {
        -1 => "any",
        0 => "no stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>An event to append, with the id that makes appending it idempotent.</summary>
public sealed record EventToAppend(Guid EventId, object Data)
{
    public static EventToAppend New(object data) => new(Guid.CreateVersion7(), data);
}

/// <summary>
/// The stream's version after the append. <see cref="AlreadyAppended"/> is true when every event
/// id was already in this stream: a retried append, answered as a no-op.
/// </summary>
public sealed record AppendResult(long StreamVersion, long? LastGlobalPosition, bool AlreadyAppended);
