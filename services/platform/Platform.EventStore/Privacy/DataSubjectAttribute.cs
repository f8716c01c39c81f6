namespace Platform.EventStore.Privacy;

/// <summary>
/// This property (a <see cref="Guid"/> or a string) identifies the person whose data the personal
/// fields of its object, and of the objects nested in it that name no subject of their own, are.
/// It stays plain: it is what the data key is looked up by.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataSubjectAttribute : Attribute;
