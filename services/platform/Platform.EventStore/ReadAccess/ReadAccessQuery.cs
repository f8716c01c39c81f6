namespace Platform.EventStore.ReadAccess;

/// <summary>
/// Which recorded reads an auditor asks for. Every filter given must match; <see cref="From"/> is
/// inclusive and <see cref="Until"/> exclusive, so consecutive ranges never count a read twice.
/// <see cref="After"/> is the cursor: the last id seen (the previous page's
/// <see cref="ReadAccessPage.NextCursor"/>), null for the first page.
/// </summary>
public sealed record ReadAccessQuery(
    string? StreamId = null,
    string? ReaderOrganizationId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    long? After = null,
    int Limit = 100)
{
    public const int MaxLimit = 1000;

    internal void Validate()
    {
        if (StreamId is not null)
        {
            ReadAccessLog.ValidateStreamId(StreamId, nameof(StreamId));
        }
        if (ReaderOrganizationId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(ReaderOrganizationId, nameof(ReaderOrganizationId));
        }
        if (From >= Until)
        {
            throw new ArgumentException("The time range is empty: From must be before Until.", nameof(Until));
        }
        if (After < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(After), After, "The cursor is an entry id, never negative.");
        }
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A page holds 1 to {MaxLimit} entries.");
        }
    }
}
