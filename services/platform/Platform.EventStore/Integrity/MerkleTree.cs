using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.EventStore.Integrity;

/// <summary>A stream's head as a checkpoint records it: its last version and that event's hash.</summary>
public sealed record StreamHead(string StreamId, long Version, byte[] Hash);

/// <summary>
/// The Merkle tree hash of RFC 6962 (§2.1) over stream heads sorted by stream id (ordinal): leaves
/// and nodes are domain-separated (0x00, 0x01), so a node can never pass for a leaf, and one head's
/// inclusion can be proven with log n hashes.
/// </summary>
public static class MerkleTree
{
    public static byte[] Root(IReadOnlyList<StreamHead> sortedHeads)
    {
        if (sortedHeads.Count == 0)
        {
            return SHA256.HashData([]);
        }
        var level = sortedHeads.Select(Leaf).ToArray();
        return Node(level, 0, level.Length);
    }

    public static int Compare(StreamHead left, StreamHead right) => string.CompareOrdinal(left.StreamId, right.StreamId);

    private static byte[] Leaf(StreamHead head)
    {
        var id = Encoding.UTF8.GetBytes(head.StreamId);
        var buffer = new byte[1 + 4 + id.Length + 8 + head.Hash.Length];
        buffer[0] = 0x00;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(1), id.Length);
        id.CopyTo(buffer, 5);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(5 + id.Length), head.Version);
        head.Hash.CopyTo(buffer, 5 + id.Length + 8);
        return SHA256.HashData(buffer);
    }

    // MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])), k the largest power of two below n.
    private static byte[] Node(byte[][] leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }
        var split = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count) / 2;
        Span<byte> buffer = stackalloc byte[1 + 32 + 32];
        buffer[0] = 0x01;
        Node(leaves, start, split).CopyTo(buffer[1..]);
        Node(leaves, start + split, count - split).CopyTo(buffer[33..]);
        return SHA256.HashData(buffer);
    }
}
