using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EventStore.Privacy;

/// <summary>
/// One non-null personal value found in a JSON tree: where it is (so it can be replaced in place)
/// and whose it is.
/// </summary>
internal readonly record struct PersonalSlot(JsonObject Owner, string Name, bool IsString, JsonNode Value, DataSubjectRef Subject)
{
    public string Path => Value.GetPath();

    /// <summary>Walks <paramref name="root"/> along <paramref name="shape"/>, collecting every non-null personal value.</summary>
    public static List<PersonalSlot> Collect(JsonObject root, ObjectShape shape, JsonSerializerOptions options)
    {
        var slots = new List<PersonalSlot>();
        VisitObject(root, shape, default, options.PropertyNameCaseInsensitive, slots);
        return slots;
    }

    private static void Visit(JsonNode node, ShapeNode shape, DataSubjectRef subject, bool caseInsensitive, List<PersonalSlot> slots)
    {
        switch (shape, node)
        {
            case (ObjectShape objectShape, JsonObject jsonObject):
                VisitObject(jsonObject, objectShape, subject, caseInsensitive, slots);
                break;
            case (SequenceShape sequence, JsonArray array):
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Visit(item, sequence.Items, subject, caseInsensitive, slots);
                    }
                }
                break;
            case (MapShape map, JsonObject jsonObject):
                foreach (var (_, value) in jsonObject)
                {
                    if (value is not null)
                    {
                        Visit(value, map.Values, subject, caseInsensitive, slots);
                    }
                }
                break;
            default:
                // Not the JSON the type serializes to (an upcaster's doing): nothing personal to find here.
                break;
        }
    }

    private static void VisitObject(JsonObject jsonObject, ObjectShape shape, DataSubjectRef subject, bool caseInsensitive, List<PersonalSlot> slots)
    {
        if (shape.SubjectProperty is { } subjectProperty)
        {
            subject = DataSubjectRef.Read(jsonObject, subjectProperty, shape.SubjectIsGuid, caseInsensitive);
        }
        foreach (var field in shape.Fields)
        {
            if (TryGet(jsonObject, field.Name, caseInsensitive, out var name, out var value))
            {
                slots.Add(new PersonalSlot(jsonObject, name, field.IsString, value, subject));
            }
        }
        foreach (var child in shape.Children)
        {
            if (TryGet(jsonObject, child.Name, caseInsensitive, out _, out var value))
            {
                Visit(value, child.Shape, subject, caseInsensitive, slots);
            }
        }
    }

    /// <summary>
    /// A non-null property value. The serializer reads names case-insensitively when its options
    /// say so, so a JSON tree an upcaster built with other casing must be searched the same way.
    /// </summary>
    internal static bool TryGet(JsonObject jsonObject, string name, bool caseInsensitive, out string actualName, out JsonNode value)
    {
        if (jsonObject.TryGetPropertyValue(name, out var found))
        {
            actualName = name;
            value = found!;
            return found is not null;
        }
        if (caseInsensitive)
        {
            foreach (var (candidate, candidateValue) in jsonObject)
            {
                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    actualName = candidate;
                    value = candidateValue!;
                    return candidateValue is not null;
                }
            }
        }
        actualName = name;
        value = null!;
        return false;
    }
}

/// <summary>
/// The subject in scope: its id as a string (a Guid in "D" form), or null when the JSON names
/// none or an empty one; <see cref="Path"/> says where it was looked for.
/// </summary>
internal readonly record struct DataSubjectRef(string? Id, string Path)
{
    public static DataSubjectRef Read(JsonObject owner, string property, bool isGuid, bool caseInsensitive)
    {
        var path = owner.GetPath() + "." + property;
        if (!PersonalSlot.TryGet(owner, property, caseInsensitive, out _, out var node) || node is not JsonValue value)
        {
            return new DataSubjectRef(null, path);
        }
        string? id = value.TryGetValue(out string? text) ? text
            : value.TryGetValue(out Guid guid) ? guid.ToString("D")
            : null;
        return new DataSubjectRef(Normalize(id, isGuid), path);
    }

    /// <summary>A subject id as keys are filed under it, or null for none (empty, blank, or an empty Guid).</summary>
    public static string? Normalize(string? id, bool isGuid)
    {
        if (isGuid)
        {
            // Normalized, so the same person is the same subject whatever the JSON's spelling.
            id = Guid.TryParse(id, out var parsed) && parsed != Guid.Empty ? parsed.ToString("D") : null;
        }
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }
}
