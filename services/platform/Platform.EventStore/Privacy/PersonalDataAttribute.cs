namespace Platform.EventStore.Privacy;

/// <summary>
/// The property's value is personal data: it is stored encrypted with the data key of the subject
/// named by the nearest enclosing <see cref="DataSubjectAttribute"/>, and reads as erased once
/// that key is destroyed. Strings read as <see cref="PersonalData.ErasedMarker"/>, anything else
/// (which must therefore be nullable) as null.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;
