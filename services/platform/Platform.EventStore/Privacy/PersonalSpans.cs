using System.Text.Json;

namespace Platform.EventStore.Privacy;

/// <summary>
/// One non-null personal value in an event's serialized JSON: its bytes, <c>[Start, End)</c>, and
/// the subject in scope there.
/// </summary>
internal readonly record struct PersonalSpan(int Start, int End, SubjectScope Subject, string OwnerPath, string Name)
{
    public string Path => $"{OwnerPath}.{Name}";
}

/// <summary>
/// The subject of the nearest enclosing object that has a <c>[DataSubject]</c> property: its id
/// once read (null while unread, or when the JSON names none or an empty one) and where it is.
/// </summary>
internal sealed class SubjectScope(string path)
{
    public string Path => path;

    public string? Id { get; set; }
}

/// <summary>
/// Finds the personal values of an event in the JSON the serializer wrote for it, in one forward
/// pass along its shape: what sealing replaces with envelopes, without building a JSON tree (that
/// tree cost more than serializing the event). Names match exactly: this is the serializer's own
/// output, named as the shape is. Reading goes through <see cref="PersonalSlot"/> instead, because
/// upcasters hand it a tree.
/// </summary>
internal static class PersonalSpans
{
    public static List<PersonalSpan> Find(ReadOnlySpan<byte> json, ObjectShape shape)
    {
        var spans = new List<PersonalSpan>();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException("The event did not serialize to a JSON object.");
        }
        VisitObject(ref reader, shape, new SubjectScope("$"), "$", spans);
        return spans;
    }

    private static void Visit(ref Utf8JsonReader reader, ShapeNode shape, SubjectScope subject, string path, List<PersonalSpan> spans)
    {
        switch (shape, reader.TokenType)
        {
            case (ObjectShape objectShape, JsonTokenType.StartObject):
                VisitObject(ref reader, objectShape, subject, path, spans);
                break;
            case (SequenceShape sequence, JsonTokenType.StartArray):
                for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    Visit(ref reader, sequence.Items, subject, $"{path}[{index}]", spans);
                }
                break;
            case (MapShape map, JsonTokenType.StartObject):
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    Visit(ref reader, map.Values, subject, $"{path}.{name}", spans);
                }
                break;
            default:
                // Null, or not the JSON the shape expects (a custom converter's): nothing personal in it.
                reader.Skip();
                break;
        }
    }

    /// <summary>From the object's start to its end. Its subject may come after its personal values: a scope is filled in when read.</summary>
    private static void VisitObject(ref Utf8JsonReader reader, ObjectShape shape, SubjectScope subject, string path, List<PersonalSpan> spans)
    {
        var scope = shape.SubjectProperty is { } subjectProperty ? new SubjectScope($"{path}.{subjectProperty}") : subject;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (shape.SubjectProperty is { } property && reader.ValueTextEquals(property))
            {
                reader.Read();
                scope.Id = DataSubjectRef.Normalize(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, shape.SubjectIsGuid);
                reader.Skip();
            }
            else if (FieldNamed(ref reader, shape) is { } field)
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType != JsonTokenType.Null)
                {
                    reader.Skip();
                    spans.Add(new PersonalSpan(start, (int)reader.BytesConsumed, scope, path, field.Name));
                }
            }
            else if (ChildNamed(ref reader, shape) is { } child)
            {
                reader.Read();
                Visit(ref reader, child.Shape, scope, $"{path}.{child.Name}", spans);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static PersonalField? FieldNamed(ref Utf8JsonReader reader, ObjectShape shape)
    {
        foreach (var field in shape.Fields)
        {
            if (reader.ValueTextEquals(field.Name))
            {
                return field;
            }
        }
        return null;
    }

    private static ChildShape? ChildNamed(ref Utf8JsonReader reader, ObjectShape shape)
    {
        foreach (var child in shape.Children)
        {
            if (reader.ValueTextEquals(child.Name))
            {
                return child;
            }
        }
        return null;
    }
}
