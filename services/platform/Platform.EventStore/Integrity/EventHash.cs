using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.EventStore.Integrity;

/// <summary>
/// The hash chain of a stream. An event's content hash covers its stream id, version, event id,
/// type and data exactly as stored, and the digest of its metadata as stored. Within one append,
/// content hashes are linked in order (<see cref="Link"/>, here, before sending). The stored hash
/// is <see cref="Chain"/> of that link, the time the append was recorded, and the stream's head
/// hash before the append: the append statement computes it itself, from the head row it already
/// reads to check the expected version, so the chain costs no round trip and no per-event
/// recursion in SQL. Each event's hash therefore commits to its own bytes and to everything
/// before it in the stream; editing, deleting, inserting or reordering breaks it at that version.
/// Every input is length-prefixed and each hash is domain-separated, so no two different events
/// can be made to hash the same input.
/// </summary>
public static class EventHash
{
    private static readonly byte[] ContentDomain = "platform.event-content.v1\0"u8.ToArray();

    private static readonly byte[] LinkDomain = "platform.event-link.v1\0"u8.ToArray();

    /// <summary>The chain step's domain prefix; the append SQL inlines the same bytes (<see cref="ChainDomainHex"/>).</summary>
    private static readonly byte[] ChainDomain = "platform.event-chain.v1\0"u8.ToArray();

    public static string ChainDomainHex => Convert.ToHexStringLower(ChainDomain);

    /// <summary>The metadata's own digest: an append's events share their metadata, so it is hashed once per append.</summary>
    public static byte[] Metadata(string metadata) => SHA256.HashData(Encoding.UTF8.GetBytes(metadata));

    public static byte[] Content(string streamId, long version, Guid eventId, string eventType, string data, byte[] metadataDigest)
    {
        // One buffer, one SHA-256 call: appends hash every event, so no per-event hash object.
        var utf8 = Encoding.UTF8;
        var length = ContentDomain.Length + 8 + 16
            + (3 * 4) + utf8.GetByteCount(streamId) + utf8.GetByteCount(eventType) + utf8.GetByteCount(data) + 32;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan(0, length);
            var at = 0;
            ContentDomain.CopyTo(buffer);
            at += ContentDomain.Length;
            at += WriteString(buffer[at..], streamId);
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], version);
            at += 8;
            eventId.TryWriteBytes(buffer[at..], bigEndian: true, out _);
            at += 16;
            at += WriteString(buffer[at..], eventType);
            at += WriteString(buffer[at..], data);
            metadataDigest.CopyTo(buffer[at..]);
            return SHA256.HashData(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The link of an append's next event: its content hash alone for the append's first event,
    /// SHA-256(domain ‖ the link before it ‖ its content hash) for each one after.
    /// </summary>
    public static byte[] Link(byte[]? linkBefore, byte[] content)
    {
        if (linkBefore is null)
        {
            return content;
        }
        Span<byte> buffer = stackalloc byte[LinkDomain.Length + 32 + 32];
        LinkDomain.CopyTo(buffer);
        linkBefore.CopyTo(buffer[LinkDomain.Length..]);
        content.CopyTo(buffer[(LinkDomain.Length + 32)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// The stored hash: SHA-256(domain ‖ link ‖ recorded-at in µs since the epoch ‖ the stream's
    /// head hash before the append, or nothing for an append that starts the stream).
    /// </summary>
    public static byte[] Chain(byte[] link, DateTimeOffset recordedAt, byte[]? headBefore)
    {
        Span<byte> buffer = stackalloc byte[ChainDomain.Length + 32 + 8 + 32];
        var at = 0;
        ChainDomain.CopyTo(buffer);
        at += ChainDomain.Length;
        link.CopyTo(buffer[at..]);
        at += link.Length;
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], (recordedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        at += 8;
        if (headBefore is not null)
        {
            headBefore.CopyTo(buffer[at..]);
            at += headBefore.Length;
        }
        return SHA256.HashData(buffer[..at]);
    }

    private static int WriteString(Span<byte> buffer, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, buffer[4..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        return 4 + written;
    }
}
