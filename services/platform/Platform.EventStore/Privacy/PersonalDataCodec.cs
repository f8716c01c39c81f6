using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EventStore.Privacy;

/// <summary>
/// Seals the personal fields of events field by field, each with its own subject's data key, and
/// opens them again. Pure and database-free: writing is two phases (<see cref="PlanSeal"/> names
/// the subjects, the caller fetches or creates their keys, <see cref="SealingPlan.Seal"/> encrypts),
/// and so is reading (<see cref="KeyIdsIn"/>, fetch the keys that still exist, <see cref="Open"/>).
/// </summary>
public sealed class PersonalDataCodec
{
    private readonly JsonSerializerOptions options;
    private readonly ConcurrentDictionary<Type, ObjectShape?> shapes = new();

    public PersonalDataCodec(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The serializer locks its options on first use anyway; locking them now makes the
        // contracts the shapes are built from the very ones serialization uses (and cached).
        options.MakeReadOnly(populateMissingResolver: true);
        this.options = options;
    }

    /// <summary>
    /// Whether <paramref name="type"/> holds personal data. Builds (and caches) its shape, so marking
    /// mistakes throw <see cref="InvalidOperationException"/> here: call it for every registered
    /// event type at startup to fail at boot rather than at the first append.
    /// </summary>
    public bool HasPersonalData(Type type) => ShapeOf(type) is not null;

    /// <summary>
    /// Serializes <paramref name="event"/> and finds its personal values and their subjects; null
    /// when its type has no personal data (store it as usual). Throws
    /// <see cref="InvalidOperationException"/> when a personal value's subject id is empty.
    /// </summary>
    public SealingPlan? PlanSeal(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (ShapeOf(type) is not { } shape)
        {
            return null;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(@event, type, options);
        var spans = PersonalSpans.Find(json, shape);
        var subjects = new List<string>();
        foreach (var span in spans)
        {
            // Subject ids can be personal themselves (a string id may be an e-mail): name paths only.
            var subject = span.Subject.Id ?? throw new InvalidOperationException(
                $"{type.Name}: the data subject at {span.Subject.Path} is empty, so the personal data at {span.Path} has no one to belong to.");
            if (!subjects.Contains(subject, StringComparer.Ordinal))
            {
                subjects.Add(subject);
            }
        }
        return new SealingPlan(type, json, spans, subjects);
    }

    /// <summary>The ids of the data keys the envelopes in <paramref name="node"/> (JSON of the current <paramref name="type"/>) were sealed with.</summary>
    public IReadOnlyCollection<Guid> KeyIdsIn(JsonObject node, Type type)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (ShapeOf(type) is not { } shape)
        {
            return [];
        }
        var keyIds = new HashSet<Guid>();
        foreach (var slot in PersonalSlot.Collect(node, shape, options))
        {
            keyIds.Add(PersonalDataEnvelope.KeyIdOf(slot));
        }
        return keyIds;
    }

    /// <summary>
    /// Replaces, in place, every envelope in <paramref name="node"/> (JSON of the current
    /// <paramref name="type"/>, after upcasting) with the value it sealed. An envelope whose key is
    /// not in <paramref name="keys"/> was erased: strings become <see cref="PersonalData.ErasedMarker"/>,
    /// other values null. Anything else at a personal path that does not verify throws
    /// <see cref="PersonalDataIntegrityException"/>.
    /// </summary>
    public void Open(JsonObject node, Type type, IReadOnlyDictionary<Guid, DataKey> keys)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(keys);
        if (ShapeOf(type) is not { } shape)
        {
            return;
        }

        foreach (var slot in PersonalSlot.Collect(node, shape, options))
        {
            slot.Owner[slot.Name] = keys.TryGetValue(PersonalDataEnvelope.KeyIdOf(slot), out var key)
                ? PersonalDataEnvelope.Open(slot, key)
                : slot.IsString ? JsonValue.Create(PersonalData.ErasedMarker) : null;
        }
    }

    private ObjectShape? ShapeOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return shapes.GetOrAdd(type, static (type, options) => PersonalDataShape.Build(type, options), options);
    }
}
