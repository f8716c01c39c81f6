using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.EventStore.Privacy;

namespace Platform.EventStore.Types;

/// <summary>
/// The only mapping between stored type names (<c>cases.case-opened.v1</c>) and CLR types.
/// Names are registered explicitly and never derived from CLR names, so renaming or moving a
/// record never orphans stored events. Old versions are upcast to the current one on read.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> namesByType = [];
    private readonly Dictionary<string, (string To, Func<JsonObject, JsonObject> Upcast)> upcasters = new(StringComparer.Ordinal);

    /// <summary>Every store knows the erasure event: any stream can record that a subject was erased.</summary>
    public EventTypeRegistry() => Register<SubjectErased>(SubjectErased.TypeName);

    /// <summary>Seals and opens the personal fields of the registered types.</summary>
    public PersonalDataCodec Codec { get; } = new(SerializerOptions);

    public EventTypeRegistry Register<TEvent>(string name) => Register(typeof(TEvent), name);

    public EventTypeRegistry Register(Type type, string name)
    {
        EventTypeName.Validate(name);
        if (typesByName.TryGetValue(name, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Event type name '{name}' is already registered for {existing.Name}.");
        }
        if (namesByType.TryGetValue(type, out var existingName) && existingName != name)
        {
            throw new InvalidOperationException($"{type.Name} is already registered as '{existingName}'.");
        }
        // Marking mistakes ([PersonalData] without a subject, say) fail here, at start-up.
        Codec.HasPersonalData(type);
        typesByName[name] = type;
        namesByType[type] = name;
        return this;
    }

    /// <summary>
    /// Declares how events stored as <paramref name="from"/> become <paramref name="to"/> on read.
    /// Chains are followed (v1 → v2 → v3), so each upcaster only knows one step.
    /// </summary>
    public EventTypeRegistry Upcast(string from, string to, Func<JsonObject, JsonObject> upcast)
    {
        EventTypeName.Validate(from);
        EventTypeName.Validate(to);
        if (!upcasters.TryAdd(from, (to, upcast)))
        {
            throw new InvalidOperationException($"'{from}' already has an upcaster.");
        }
        return this;
    }

    public string NameOf(Type type) =>
        namesByType.TryGetValue(type, out var name)
            ? name
            : throw new UnknownEventTypeException($"{type.Name} is not a registered event type: register it with a stable name.");

    public static string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), SerializerOptions);

    /// <summary>
    /// Upcasts stored JSON to the current version of its type: its name, its CLR type, and its
    /// JSON as a node when it had to be parsed (upcast) or will be (personal fields to open).
    /// </summary>
    public (string Type, Type ClrType, JsonObject? Node) Resolve(string storedType, string json)
    {
        var type = storedType;
        JsonObject? node = null;
        for (var steps = 0; upcasters.TryGetValue(type, out var step); steps++)
        {
            if (steps > 100)
            {
                throw new InvalidOperationException($"The upcasters of '{storedType}' form a cycle.");
            }
            node ??= JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Event of type '{storedType}' is not a JSON object.");
            node = step.Upcast(node);
            type = step.To;
        }

        if (!typesByName.TryGetValue(type, out var clrType))
        {
            throw new UnknownEventTypeException($"No CLR type is registered for stored event type '{type}'.");
        }
        if (node is null && Codec.HasPersonalData(clrType))
        {
            node = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException($"Event of type '{storedType}' is not a JSON object.");
        }
        return (type, clrType, node);
    }

    public static object Deserialize(string storedType, string json, Type clrType, JsonObject? node) =>
        (node is null ? JsonSerializer.Deserialize(json, clrType, SerializerOptions) : node.Deserialize(clrType, SerializerOptions))
            ?? throw new JsonException($"Event of type '{storedType}' deserialized to null.");
}

public sealed class UnknownEventTypeException(string message) : Exception(message);
