namespace Platform.EventStore.Integrity;

/// <summary>An event as stored, with the columns its hash covers.</summary>
internal sealed record StoredEvent(
    string StreamId, long Version, Guid EventId, string EventType, string Data, string Metadata,
    DateTimeOffset RecordedAt, byte[] Hash);

/// <summary>
/// Walks one stream's events in version order and recomputes its chain from the stored bytes
/// (<see cref="EventHash"/>). An event whose stored hash is its link continues an append (its
/// successor links to it); one whose stored hash is the chained hash ends an append (its successor
/// starts the next one, chained to it). Which one an event is, is known from the event before it,
/// except after a break, when both are tried. Anything else is a break, named at its version, and
/// so is a stream that ends inside an append (its last events were deleted).
/// </summary>
internal sealed class ChainCheck(string streamId, EventHash hash)
{
    private long expected = 1;
    private byte[]? lastHash;
    private DateTimeOffset lastRecordedAt;
    private string? lastMetadata;
    private byte[] metadataDigest = [];

    // Where the last event stands: inside an append, at its end, or unknown (it broke).
    private Place place = Place.Ended;

    // The head the open append chained to: the hash of the last event that ended an append.
    private byte[]? anchor;

    private enum Place
    {
        Inside,
        Ended,
        Unknown,
    }

    public string StreamId => streamId;

    /// <summary>The last version seen, and its stored hash.</summary>
    public (long Version, byte[]? Hash) Head => (expected - 1, lastHash);

    /// <summary>Whether the last event seen was linked as one with more events of its append after it.</summary>
    public bool EndsInsideAnAppend => place == Place.Inside;

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
        var (previousHash, previousPlace, previousAt) = (lastHash, place, lastRecordedAt);
        lastHash = stored.Hash;
        lastRecordedAt = stored.RecordedAt;

        // The event before was inside an append: this one continues it, linked to the stored link.
        if (previousPlace != Place.Ended && previousHash is not null && PlaceOf(stored, LinkOf(stored, previousHash), anchor) is { } continued)
        {
            place = continued;
            if (!gap && stored.RecordedAt != previousAt)
            {
                // One statement records its events at one time, and only an append's last event's
                // hash covers it: the events before it must show the same.
                return Break(stored.Version, $"its recorded time is not that of version {stored.Version - 1}, appended with it (one of them was changed after it was written)");
            }
        }
        // The event before ended an append (or this is the stream's first): this one starts the next.
        else if (previousPlace != Place.Inside && Starts(stored, previousHash) is { } started)
        {
            (place, anchor) = (started, previousHash);
        }
        else
        {
            // After this break, both are tried: that the next event continues this one's append
            // (chained to the head the event before chained to, or to the event before itself if
            // that one ended an append), and that it starts an append, chained to this one.
            anchor = previousPlace == Place.Ended ? previousHash : anchor;
            place = Place.Unknown;
            return Break(stored.Version, gap
                ? $"versions {missing} to {stored.Version - 1} are missing"
                : "its stored bytes do not match its hash (changed after it was written)");
        }

        return gap ? Break(stored.Version, $"versions {missing} to {stored.Version - 1} are missing") : null;
    }

    /// <summary>Inside or at the end of an append that starts with this event, chained to <paramref name="headBefore"/>, or null.</summary>
    private Place? Starts(StoredEvent stored, byte[]? headBefore) => PlaceOf(stored, LinkOf(stored, linkBefore: null), headBefore);

    private Place? PlaceOf(StoredEvent stored, byte[] link, byte[]? headBefore) =>
        Matches(link, stored.Hash) ? Place.Inside
        : Matches(hash.Chain(link, stored.RecordedAt, headBefore), stored.Hash) ? Place.Ended
        : null;

    private byte[] LinkOf(StoredEvent stored, byte[]? linkBefore) => hash.Link(
        stored.StreamId, stored.Version, stored.EventId, stored.EventType, stored.Data, metadataDigest, linkBefore);

    private IntegrityBreak Break(long version, string reason) => new(streamId, version, reason);

    internal static bool Matches(byte[]? left, byte[]? right) =>
        left is null ? right is null : right is not null && left.AsSpan().SequenceEqual(right);
}
