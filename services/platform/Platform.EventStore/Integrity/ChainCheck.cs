namespace Platform.EventStore.Integrity;

/// <summary>An event as stored, with the columns its hash covers.</summary>
internal sealed record StoredEvent(
    string StreamId, long Version, Guid EventId, string EventType, string Data, string Metadata,
    DateTimeOffset RecordedAt, byte[] Hash);

/// <summary>
/// Walks one stream's events in version order and recomputes its chain from the stored bytes.
/// Which events were appended together is not stored: an event's hash is tried as the start of an
/// append (chained to the event before it) and as the continuation of the previous event's append
/// (linked to it, same recorded time). Anything else is a break, named at its version.
/// </summary>
internal sealed class ChainCheck(string streamId, EventHash hash)
{
    private long expected = 1;
    private byte[]? lastHash;
    private DateTimeOffset lastRecordedAt;
    private string? lastMetadata;
    private byte[] metadataDigest = [];

    // The state of the append the last event belonged to: its link and the head it chained to.
    // Unknown (null link) after a changed event, whose original bytes are gone.
    private byte[]? link;
    private byte[]? anchor;

    public string StreamId => streamId;

    /// <summary>The last version seen, and its stored hash.</summary>
    public (long Version, byte[]? Hash) Head => (expected - 1, lastHash);

    public IntegrityBreak? Check(StoredEvent stored)
    {
        var gap = stored.Version != expected;
        var missing = expected;
        expected = stored.Version + 1;

        if (stored.Metadata != lastMetadata)
        {
            // The events of one append share their metadata: its digest is reused while it repeats.
            (lastMetadata, metadataDigest) = (stored.Metadata, hash.Metadata(stored.Metadata));
        }
        var (previousHash, previousLink, previousAnchor, previousAt) = (lastHash, link, anchor, lastRecordedAt);
        lastHash = stored.Hash;
        lastRecordedAt = stored.RecordedAt;

        // Same recorded time as the event before: most likely the same append, so tried first.
        var continued = previousLink is not null && stored.RecordedAt == previousAt ? LinkOf(stored, previousLink) : null;
        byte[] started;
        if (continued is not null && Matches(hash.Chain(continued, stored.RecordedAt, previousAnchor), stored.Hash))
        {
            link = continued;
        }
        else if (Matches(hash.Chain(started = LinkOf(stored, linkBefore: null), stored.RecordedAt, previousHash), stored.Hash))
        {
            (link, anchor) = (started, previousHash);
        }
        else
        {
            link = null;
            return Break(stored.Version, gap
                ? $"versions {missing} to {stored.Version - 1} are missing"
                : previousLink is null && previousHash is not null && stored.RecordedAt == previousAt
                    ? "it was appended with an event that was changed, so it cannot be verified"
                    : "its stored bytes do not match its hash (changed after it was written)");
        }

        return gap ? Break(stored.Version, $"versions {missing} to {stored.Version - 1} are missing") : null;
    }

    private byte[] LinkOf(StoredEvent stored, byte[]? linkBefore) => hash.Link(
        stored.StreamId, stored.Version, stored.EventId, stored.EventType, stored.Data, metadataDigest, linkBefore);

    private IntegrityBreak Break(long version, string reason) => new(streamId, version, reason);

    internal static bool Matches(byte[]? left, byte[]? right) =>
        left is null ? right is null : right is not null && left.AsSpan().SequenceEqual(right);
}
