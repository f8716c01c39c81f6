namespace Platform.EventStore.Privacy;

public static class PersonalData
{
    /// <summary>What a personal string reads as once its subject's key has been destroyed.</summary>
    public const string ErasedMarker = "[erased]";

    public static bool IsErased(string? value) => string.Equals(value, ErasedMarker, StringComparison.Ordinal);
}
