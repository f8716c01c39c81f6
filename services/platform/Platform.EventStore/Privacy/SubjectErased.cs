namespace Platform.EventStore.Privacy;

/// <summary>
/// A subject's personal data was erased: their data keys are destroyed, so their fields in every
/// event read as <see cref="PersonalData.ErasedMarker"/>. Projections holding the subject's data
/// must drop or blank it when they see this; a rebuild finds nothing left to hold.
/// </summary>
public sealed record SubjectErased(string SubjectId, string Reason, DateTimeOffset ErasedAt)
{
    public const string TypeName = "platform.subject-erased.v1";
}
