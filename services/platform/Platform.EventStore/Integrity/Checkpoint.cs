using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Platform.EventStore.Integrity;

/// <summary>
/// A signed statement about the store: every event of a transaction below <see cref="Horizon"/>
/// (a fixed set: those transactions had all ended when it was taken), <see cref="EventCount"/> of
/// them, and the heads of the streams that changed since the previous checkpoint, as the Merkle root
/// <see cref="HeadsRoot"/> (the heads themselves are kept alongside, to name what went missing).
/// Each checkpoint includes the previous one's digest, so the signed chain covers every head ever
/// recorded: deleting a stream's tail or a whole stream, or a checkpoint, is detected.
/// </summary>
public sealed record Checkpoint(
    long Sequence,
    ulong Horizon,
    long GlobalPosition,
    long EventCount,
    long StreamCount,
    byte[] HeadsRoot,
    byte[]? PreviousDigest,
    DateTimeOffset CreatedAt,
    string KeyId,
    byte[] Signature)
{
    private static readonly byte[] Domain = "platform.checkpoint.v1\0"u8.ToArray();

    /// <summary>Whether the hash fields have the size <see cref="SignedBytes"/> needs (a tampered row may not).</summary>
    public bool IsWellFormed => HeadsRoot.Length == 32 && PreviousDigest is null or { Length: 32 };

    /// <summary>The bytes the signature covers: every field but the signature, fixed-width, domain-separated.</summary>
    public byte[] SignedBytes()
    {
        var buffer = new byte[Domain.Length + (8 * 6) + 32 + 32];
        var at = 0;
        Domain.CopyTo(buffer, at);
        at += Domain.Length;
        foreach (var value in new[] { Sequence, (long)Horizon, GlobalPosition, EventCount, StreamCount, (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 })
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(at), value);
            at += 8;
        }
        HeadsRoot.AsSpan(0, Math.Min(HeadsRoot.Length, 32)).CopyTo(buffer.AsSpan(at));
        at += 32;
        PreviousDigest?.AsSpan(0, Math.Min(PreviousDigest.Length, 32)).CopyTo(buffer.AsSpan(at));
        return buffer;
    }

    /// <summary>What the next checkpoint chains to: SHA-256 of the signed bytes and the signature.</summary>
    public byte[] Digest() => SHA256.HashData([.. SignedBytes(), .. Signature]);

    public string DigestHex => Convert.ToHexStringLower(Digest());
}
