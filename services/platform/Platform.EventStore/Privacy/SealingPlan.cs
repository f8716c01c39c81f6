using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EventStore.Privacy;

/// <summary>
/// An event serialized and searched for personal values, waiting for its subjects' data keys.
/// The caller fetches or creates a key for each of <see cref="Subjects"/>, then calls <see cref="Seal"/>.
/// </summary>
public sealed class SealingPlan
{
    private readonly Type eventType;
    private readonly JsonObject root;
    private readonly List<PersonalSlot> slots;
    private readonly List<string> subjects;
    private readonly JsonSerializerOptions options;

    internal SealingPlan(Type eventType, JsonObject root, List<PersonalSlot> slots, List<string> subjects, JsonSerializerOptions options)
    {
        this.eventType = eventType;
        this.root = root;
        this.slots = slots;
        this.subjects = subjects;
        this.options = options;
    }

    /// <summary>The distinct ids of the subjects whose personal data the event holds (Guids in "D" form), in order of appearance.</summary>
    public IReadOnlyList<string> Subjects => subjects;

    /// <summary>
    /// The JSON to store: the event with each personal value replaced by an envelope sealed with
    /// its subject's key. <paramref name="keysBySubject"/> must hold a key for each of <see cref="Subjects"/>.
    /// </summary>
    public string Seal(IReadOnlyDictionary<string, DataKey> keysBySubject)
    {
        ArgumentNullException.ThrowIfNull(keysBySubject);
        var ciphers = new Dictionary<string, (Guid KeyId, AesGcm Aes)>(StringComparer.Ordinal);
        var plaintext = new ArrayBufferWriter<byte>(256);
        try
        {
            using var writer = new Utf8JsonWriter(plaintext, new JsonWriterOptions { Encoder = options.Encoder });
            foreach (var slot in slots)
            {
                var subject = slot.Subject.Id!;
                if (!ciphers.TryGetValue(subject, out var cipher))
                {
                    cipher = CipherFor(subject, keysBySubject);
                    ciphers.Add(subject, cipher);
                }

                plaintext.ResetWrittenCount();
                writer.Reset();
                slot.Value.WriteTo(writer, options);
                writer.Flush();
                // The original value node is kept by the slot, so sealing again re-encrypts it.
                slot.Owner[slot.Name] = JsonValue.Create(PersonalDataEnvelope.Seal(cipher.Aes, cipher.KeyId, subject, plaintext.WrittenSpan));
            }
            return root.ToJsonString(options);
        }
        finally
        {
            plaintext.Clear();
            foreach (var (_, aes) in ciphers.Values)
            {
                aes.Dispose();
            }
        }
    }

    private (Guid KeyId, AesGcm Aes) CipherFor(string subject, IReadOnlyDictionary<string, DataKey> keysBySubject)
    {
        if (!keysBySubject.TryGetValue(subject, out var key))
        {
            throw new InvalidOperationException($"No data key was supplied for one of the subjects of {eventType.Name} (subject #{subjects.IndexOf(subject) + 1} of {subjects.Count}).");
        }
        if (!string.Equals(key.SubjectId, subject, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The data key supplied for subject #{subjects.IndexOf(subject) + 1} of {eventType.Name} belongs to another subject.");
        }
        return (key.KeyId, CipherFor(key));
    }

    internal static AesGcm CipherFor(DataKey key) =>
        key.Key is { Length: DataKey.Size }
            ? new AesGcm(key.Key, PersonalDataEnvelope.TagSize)
            : throw new InvalidOperationException($"Data key {key.KeyId} is not {DataKey.Size} bytes.");
}
