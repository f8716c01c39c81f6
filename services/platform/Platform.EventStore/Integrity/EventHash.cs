using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.EventStore.Integrity;

/// <summary>
/// The hash chain of a stream. An event's link covers its stream id, version, event id, type and
/// data exactly as stored, the digest of its metadata as stored, and the link of the event before
/// it in the same append (<see cref="Link"/>, computed here, before sending). What is stored as an
/// event's hash depends on its place in its append: every event but the last stores its link
/// (it chains the event to the ones before it in the append), and the append's last event stores
/// <see cref="Chain"/> of its link, the time the append was recorded and the stream's head hash
/// before the append. So each append costs the server one SHA-256, computed by the append
/// statement from the head row it already reads to check the expected version: no round trip, no
/// per-event recursion in SQL. The last event's hash commits to every event of its append, their
/// order, their recorded time and everything before them in the stream, and it is the head the
/// next append chains to; editing, deleting, inserting or reordering breaks a link or that hash.
/// Every input is length-prefixed and each hash is domain-separated, so no two different events
/// can be made to hash the same input, and no link can pass for a chained hash.
/// </summary>
public sealed class EventHash : IDisposable
{
    private static readonly byte[] ContentDomain = "platform.event-content.v1\0"u8.ToArray();

    /// <summary>The chain step's domain prefix (sent by the append with its last event's link: <see cref="ChainPrefix"/>).</summary>
    private static readonly byte[] ChainDomain = "platform.event-chain.v1\0"u8.ToArray();

    // One hash context for a whole append or verification: a one-shot SHA-256 sets up a new
    // context per call, which cost several times the hashing itself for events this small.
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The start of <see cref="Chain"/>'s input, domain ‖ link: what the append statement completes and hashes.</summary>
    public static byte[] ChainPrefix(byte[] link) => [.. ChainDomain, .. link];

    /// <summary>The metadata's own digest: an append's events share their metadata, so it is hashed once per append.</summary>
    public byte[] Metadata(string metadata)
    {
        sha.AppendData(Encoding.UTF8.GetBytes(metadata));
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// An event's link: SHA-256(domain ‖ stream id ‖ version ‖ event id ‖ type ‖ data ‖ metadata
    /// digest ‖ the link of the event before it in the same append, if any). One hash per event
    /// covers both its own bytes and the order of its append.
    /// </summary>
    public byte[] Link(string streamId, long version, Guid eventId, string eventType, string data, byte[] metadataDigest, byte[]? linkBefore)
    {
        // One buffer, one update: each update is a call into the crypto library.
        var utf8 = Encoding.UTF8;
        var length = ContentDomain.Length + (3 * 4) + 8 + 16 + 32 + 32
            + utf8.GetMaxByteCount(streamId.Length) + utf8.GetMaxByteCount(eventType.Length) + utf8.GetMaxByteCount(data.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan();
            ContentDomain.CopyTo(buffer);
            var at = ContentDomain.Length;
            at += WriteString(buffer[at..], streamId);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], version);
            eventId.TryWriteBytes(buffer[(at + 8)..], bigEndian: true, out _);
            at += 8 + 16;
            at += WriteString(buffer[at..], eventType);
            at += WriteString(buffer[at..], data);
            metadataDigest.CopyTo(buffer[at..]);
            at += metadataDigest.Length;
            // Every field before is fixed-width or length-prefixed, so the input's length alone
            // tells whether a link follows: no two inputs can be read two ways.
            if (linkBefore is not null)
            {
                linkBefore.CopyTo(buffer[at..]);
                at += linkBefore.Length;
            }
            sha.AppendData(rented, 0, at);
            return sha.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The stored hash: SHA-256(domain ‖ link ‖ recorded-at in µs since the epoch ‖ the stream's
    /// head hash before the append, or nothing for an append that starts the stream).
    /// </summary>
    public byte[] Chain(byte[] link, DateTimeOffset recordedAt, byte[]? headBefore)
    {
        sha.AppendData(ChainDomain);
        sha.AppendData(link);
        Span<byte> microseconds = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(microseconds, (recordedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        sha.AppendData(microseconds);
        if (headBefore is not null)
        {
            sha.AppendData(headBefore);
        }
        return sha.GetHashAndReset();
    }

    public void Dispose() => sha.Dispose();

    /// <summary>UTF-8, after its byte length (big-endian int32).</summary>
    private static int WriteString(Span<byte> buffer, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, buffer[4..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        return 4 + written;
    }
}
