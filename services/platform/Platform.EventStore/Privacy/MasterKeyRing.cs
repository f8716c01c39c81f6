using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Platform.EventStore.Privacy;

/// <summary>
/// The master keys that wrap data keys at rest, from configuration. The current one wraps; every
/// one unwraps, so rotating is adding a key and making it current (old wrapped keys keep opening,
/// and can be rewrapped at leisure). Messages name key ids, never key material.
/// </summary>
public sealed class MasterKeyRing
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>nonce ‖ ciphertext ‖ tag of a 32-byte data key.</summary>
    public const int WrappedSize = NonceSize + DataKey.Size + TagSize;

    private readonly Dictionary<string, byte[]> keys;

    public MasterKeyRing(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrWhiteSpace(currentKeyId))
        {
            throw new MasterKeyException("No current master key id is set.");
        }
        this.keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new MasterKeyException("A master key has an empty id.");
            }
            if (key is not { Length: KeySize })
            {
                throw new MasterKeyException($"Master key '{id}' is not {KeySize} bytes.");
            }
            // A copy: the caller cannot change (or zero) the ring's keys behind its back.
            this.keys.Add(id, key.ToArray());
        }
        if (!this.keys.ContainsKey(currentKeyId))
        {
            throw new MasterKeyException($"The current master key '{currentKeyId}' is not among the configured keys.");
        }
        CurrentKeyId = currentKeyId;
    }

    public string CurrentKeyId { get; }

    /// <summary>
    /// Reads <c>{ "Current": "k2", "Keys": { "k1": "&lt;base64 of 32 bytes&gt;", … } }</c>, the
    /// <c>EventStore:MasterKeys</c> section.
    /// </summary>
    public static MasterKeyRing FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = (section as IConfigurationSection)?.Path ?? "EventStore:MasterKeys";
        var current = section["Current"];
        if (string.IsNullOrWhiteSpace(current))
        {
            throw new MasterKeyException($"{path}:Current is not set: name the master key that wraps new data keys.");
        }
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection("Keys").GetChildren())
        {
            var key = new byte[KeySize];
            if (!Convert.TryFromBase64String(entry.Value ?? "", key, out var length) || length != KeySize)
            {
                throw new MasterKeyException($"{path}:Keys:{entry.Key} is not the base64 of {KeySize} bytes.");
            }
            keys.Add(entry.Key, key);
        }
        if (keys.Count == 0)
        {
            throw new MasterKeyException($"{path}:Keys has no master keys.");
        }
        return new MasterKeyRing(current, keys);
    }

    /// <summary>Encrypts a data key with the current master key, bound to its key id and subject.</summary>
    public byte[] Wrap(Guid keyId, string subjectId, ReadOnlySpan<byte> dataKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        if (dataKey.Length != DataKey.Size)
        {
            throw new ArgumentException($"A data key is {DataKey.Size} bytes.", nameof(dataKey));
        }
        var wrapped = new byte[WrappedSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        // Every new subject's key is wrapped, in the append that creates it: one context for the current key.
        KeyCiphers.Encrypt(keys[CurrentKeyId], nonce, dataKey, wrapped.AsSpan(NonceSize, DataKey.Size), wrapped.AsSpan(NonceSize + DataKey.Size), AssociatedDataOf(keyId, subjectId));
        return wrapped;
    }

    /// <summary>Decrypts a data key wrapped by <see cref="Wrap"/> under the master key <paramref name="masterKeyId"/>.</summary>
    public byte[] Unwrap(string masterKeyId, Guid keyId, string subjectId, ReadOnlySpan<byte> wrapped)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        if (masterKeyId is null || !keys.TryGetValue(masterKeyId, out var masterKey))
        {
            throw new MasterKeyException($"Data key {keyId} was wrapped with master key '{masterKeyId}', which is not configured.");
        }
        if (wrapped.Length != WrappedSize)
        {
            throw new MasterKeyException($"Wrapped data key {keyId} is {wrapped.Length} bytes, not {WrappedSize}.");
        }
        var dataKey = new byte[DataKey.Size];
        using var aes = new AesGcm(masterKey, TagSize);
        try
        {
            aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize, DataKey.Size), wrapped[(NonceSize + DataKey.Size)..], dataKey, AssociatedDataOf(keyId, subjectId));
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new MasterKeyException(
                $"Data key {keyId} does not unwrap with master key '{masterKeyId}': it was altered, or belongs to another key id or subject.", exception);
        }
        return dataKey;
    }

    /// <summary>A fresh data key for <paramref name="subjectId"/>: a time-ordered id and 32 random bytes.</summary>
    public static DataKey NewDataKey(string subjectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        return new DataKey(Guid.CreateVersion7(), subjectId, RandomNumberGenerator.GetBytes(DataKey.Size));
    }

    private static byte[] AssociatedDataOf(Guid keyId, string subjectId)
    {
        // Once per key fetch, not per field: an array is simpler than pooling here.
        var aad = new byte[AssociatedData.LengthOf(AssociatedData.DataKeyDomain, subjectId)];
        AssociatedData.Write(AssociatedData.DataKeyDomain, keyId, subjectId, aad);
        return aad;
    }
}
