using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.EventStore.Privacy;

/// <summary>
/// Where the personal data of one CLR type lies in its JSON, and whose it is. Built once per type
/// from the serializer's own contract (<see cref="JsonTypeInfo"/>), so JSON names follow the naming
/// policy and <c>[JsonPropertyName]</c> exactly as the serializer writes them. Marking mistakes are
/// programming errors and surface when the shape is built, never as data silently stored in clear.
/// </summary>
internal sealed class PersonalDataShape
{
    private readonly JsonSerializerOptions options;
    private readonly HashSet<Type> inProgress = [];

    private PersonalDataShape(JsonSerializerOptions options) => this.options = options;

    /// <summary>The shape of <paramref name="type"/>, or null when it holds no personal data anywhere.</summary>
    public static ObjectShape? Build(Type type, JsonSerializerOptions options) =>
        new PersonalDataShape(options).Visit(type, subjectInScope: false) switch
        {
            null => null,
            ObjectShape root => root,
            _ => throw new InvalidOperationException($"{type.Name} holds personal data but is not serialized as a JSON object."),
        };

    private ShapeNode? Visit(Type type, bool subjectInScope)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return VisitObject(info, subjectInScope);
            case JsonTypeInfoKind.Enumerable:
                return Visit(info.ElementType!, subjectInScope) is { } items ? new SequenceShape(items) : null;
            case JsonTypeInfoKind.Dictionary:
                return Visit(info.ElementType!, subjectInScope) is { } values ? new MapShape(values) : null;
            default:
                // A custom converter decides this type's JSON, so its properties cannot be located in it.
                if (HasMarkedProperties(type))
                {
                    throw new InvalidOperationException(
                        $"{type.Name} has personal data but a custom JSON converter: its personal fields cannot be located in its JSON.");
                }
                return null;
        }
    }

    private ObjectShape? VisitObject(JsonTypeInfo info, bool subjectInScope)
    {
        var type = info.Type;
        if (info.PolymorphismOptions is { } polymorphism
            && polymorphism.DerivedTypes.Any(derived => HasMarkedProperties(derived.DerivedType)))
        {
            throw new InvalidOperationException(
                $"{type.Name} is polymorphic and its derived types have personal data, which is not supported: mark concrete types.");
        }
        if (!inProgress.Add(type))
        {
            // A recursive type. Harmless without personal data; with it, the subject of each level
            // would be ambiguous to the reader of the type, so it is refused.
            return HasMarkedProperties(type)
                ? throw new InvalidOperationException($"{type.Name} is recursive and has personal data, which is not supported.")
                : null;
        }

        try
        {
            var subject = FindSubject(info);
            var inScope = subjectInScope || subject is not null;
            var fields = new List<PersonalField>();
            var children = new List<ChildShape>();
            foreach (var property in info.Properties)
            {
                if (IsMarked<PersonalDataAttribute>(property))
                {
                    fields.Add(PersonalFieldOf(type, property, inScope, subject));
                }
                else if (Visit(property.PropertyType, inScope) is { } child)
                {
                    children.Add(new ChildShape(property.Name, child));
                }
            }
            return fields.Count == 0 && children.Count == 0
                ? null
                : new ObjectShape(subject?.Name, subject?.PropertyType != typeof(string), [.. fields], [.. children]);
        }
        finally
        {
            inProgress.Remove(type);
        }
    }

    private static JsonPropertyInfo? FindSubject(JsonTypeInfo info)
    {
        JsonPropertyInfo? subject = null;
        foreach (var property in info.Properties.Where(IsMarked<DataSubjectAttribute>))
        {
            if (subject is not null)
            {
                throw new InvalidOperationException($"{info.Type.Name} has more than one [DataSubject] property ({ClrName(subject)}, {ClrName(property)}).");
            }
            if (property.PropertyType != typeof(Guid) && property.PropertyType != typeof(Guid?) && property.PropertyType != typeof(string))
            {
                throw new InvalidOperationException($"{info.Type.Name}.{ClrName(property)} is a [DataSubject] but not a Guid or a string.");
            }
            subject = property;
        }
        return subject;
    }

    private static PersonalField PersonalFieldOf(Type type, JsonPropertyInfo property, bool subjectInScope, JsonPropertyInfo? subject)
    {
        var name = $"{type.Name}.{ClrName(property)}";
        if (property == subject)
        {
            throw new InvalidOperationException($"{name} is both [DataSubject] and [PersonalData]: the subject id must stay plain to find its key.");
        }
        if (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
        {
            // An erased value reads as null, which a non-nullable value type cannot hold.
            throw new InvalidOperationException($"{name} is [PersonalData] of the non-nullable type {property.PropertyType.Name}: make it nullable.");
        }
        if (!subjectInScope)
        {
            throw new InvalidOperationException($"{name} is [PersonalData] but neither {type.Name} nor an object enclosing it has a [DataSubject] property.");
        }
        return new PersonalField(property.Name, property.PropertyType == typeof(string));
    }

    private static bool IsMarked<TAttribute>(JsonPropertyInfo property) where TAttribute : Attribute =>
        property.AttributeProvider?.IsDefined(typeof(TAttribute), inherit: true) == true;

    private static string ClrName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;

    /// <summary>
    /// Plain reflection, for the types the serializer's contract cannot walk: does a
    /// [PersonalData] property appear anywhere in it?
    /// </summary>
    private static bool HasMarkedProperties(Type type) => HasMarkedProperties(type, []);

    private static bool HasMarkedProperties(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || !seen.Add(type))
        {
            return false;
        }
        if (type.IsArray)
        {
            return HasMarkedProperties(type.GetElementType()!, seen);
        }
        if (type.IsGenericType && type.GetGenericArguments().Any(argument => HasMarkedProperties(argument, seen)))
        {
            return true;
        }
        // The framework's own types carry no marks; walking them would only be slow.
        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return false;
        }
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(property =>
            property.IsDefined(typeof(PersonalDataAttribute), inherit: true) || HasMarkedProperties(property.PropertyType, seen));
    }
}

internal abstract class ShapeNode;

/// <summary>An object: its own subject (if it names one), its personal fields, and the properties that lead to more.</summary>
internal sealed class ObjectShape(string? subjectProperty, bool subjectIsGuid, PersonalField[] fields, ChildShape[] children) : ShapeNode
{
    public string? SubjectProperty { get; } = subjectProperty;

    public bool SubjectIsGuid { get; } = subjectIsGuid;

    public IReadOnlyList<PersonalField> Fields { get; } = fields;

    public IReadOnlyList<ChildShape> Children { get; } = children;
}

/// <summary>A JSON array whose items have personal data.</summary>
internal sealed class SequenceShape(ShapeNode items) : ShapeNode
{
    public ShapeNode Items { get; } = items;
}

/// <summary>A dictionary (a JSON object keyed by data) whose values have personal data.</summary>
internal sealed class MapShape(ShapeNode values) : ShapeNode
{
    public ShapeNode Values { get; } = values;
}

/// <summary>A personal field: its whole JSON value is sealed as one. Strings erase to the marker, the rest to null.</summary>
internal readonly record struct PersonalField(string Name, bool IsString);

internal readonly record struct ChildShape(string Name, ShapeNode Shape);
