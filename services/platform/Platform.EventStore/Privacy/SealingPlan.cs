using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Platform.EventStore.Privacy;

/// <summary>
/// An event serialized and searched for personal values, waiting for its subjects' data keys.
/// The caller fetches or creates a key for each of <see cref="Subjects"/>, then calls <see cref="Seal"/>.
/// </summary>
public sealed class SealingPlan
{
    private readonly Type eventType;
    private readonly byte[] json;
    private readonly List<PersonalSpan> spans;
    private readonly List<string> subjects;

    internal SealingPlan(Type eventType, byte[] json, List<PersonalSpan> spans, List<string> subjects)
    {
        this.eventType = eventType;
        this.json = json;
        this.spans = spans;
        this.subjects = subjects;
    }

    /// <summary>The distinct ids of the subjects whose personal data the event holds (Guids in "D" form), in order of appearance.</summary>
    public IReadOnlyList<string> Subjects => subjects;

    /// <summary>
    /// The JSON to store: the event with each personal value replaced by an envelope sealed with
    /// its subject's key (the plaintext is the value's JSON as the serializer wrote it), and fresh
    /// nonces each call. <paramref name="keysBySubject"/> must hold a key for each of <see cref="Subjects"/>.
    /// </summary>
    public string Seal(IReadOnlyDictionary<string, DataKey> keysBySubject)
    {
        ArgumentNullException.ThrowIfNull(keysBySubject);
        var keys = new DataKey[spans.Count];
        var length = json.Length;
        for (var i = 0; i < spans.Count; i++)
        {
            keys[i] = KeyFor(spans[i].Subject.Id!, keysBySubject);
            length += PersonalDataEnvelope.SealedLength(spans[i].End - spans[i].Start) - (spans[i].End - spans[i].Start);
        }

        // One call to the system's random generator for all the event's nonces: a call cost more
        // than sealing a short field.
        var nonces = ArrayPool<byte>.Shared.Rent(spans.Count * PersonalDataEnvelope.NonceSize);
        var output = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            RandomNumberGenerator.Fill(nonces.AsSpan(0, spans.Count * PersonalDataEnvelope.NonceSize));
            var (written, copied) = (0, 0);
            for (var i = 0; i < spans.Count; i++)
            {
                var (start, end) = (spans[i].Start, spans[i].End);
                json.AsSpan(copied, start - copied).CopyTo(output.AsSpan(written));
                written += start - copied;
                written += PersonalDataEnvelope.Seal(
                    keys[i], nonces.AsSpan(i * PersonalDataEnvelope.NonceSize, PersonalDataEnvelope.NonceSize), json.AsSpan(start, end - start), output.AsSpan(written));
                copied = end;
            }
            json.AsSpan(copied).CopyTo(output.AsSpan(written));
            return Encoding.UTF8.GetString(output, 0, length);
        }
        finally
        {
            // Only ciphertext, public JSON and nonces were in these buffers: nothing to clear.
            ArrayPool<byte>.Shared.Return(nonces);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private DataKey KeyFor(string subject, IReadOnlyDictionary<string, DataKey> keysBySubject)
    {
        if (!keysBySubject.TryGetValue(subject, out var key))
        {
            throw new InvalidOperationException($"No data key was supplied for one of the subjects of {eventType.Name} (subject #{subjects.IndexOf(subject) + 1} of {subjects.Count}).");
        }
        if (!string.Equals(key.SubjectId, subject, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The data key supplied for subject #{subjects.IndexOf(subject) + 1} of {eventType.Name} belongs to another subject.");
        }
        return key;
    }
}
