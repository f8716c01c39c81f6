namespace Platform.EventStore.ReadAccess;

/// <summary>
/// One recorded read. <see cref="StreamId"/> is <see cref="ReadAccessLog.AllStreams"/> for a query
/// of the access log that spanned streams; <see cref="ReadAt"/> is the database's clock.
/// </summary>
public sealed record ReadAccessEntry(
    long Id,
    string StreamId,
    Actor Reader,
    string Purpose,
    string What,
    string? CorrelationId,
    DateTimeOffset ReadAt);

/// <summary>
/// Entries in id order. <see cref="NextCursor"/> is the <see cref="ReadAccessQuery.After"/> of the
/// next page, or null when this page reached the end of the log as it stood when it was read.
/// </summary>
public sealed record ReadAccessPage(IReadOnlyList<ReadAccessEntry> Entries, long? NextCursor);
