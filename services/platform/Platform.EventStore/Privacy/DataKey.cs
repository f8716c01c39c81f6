namespace Platform.EventStore.Privacy;

/// <summary>
/// The plain data key of one subject: 32 bytes for AES-256-GCM. Destroying every copy of it
/// (the wrapped one in the database) is what erases the subject's personal data.
/// </summary>
public readonly record struct DataKey(Guid KeyId, string SubjectId, byte[] Key)
{
    public const int Size = 32;
}
