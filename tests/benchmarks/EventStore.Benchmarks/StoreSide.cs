using Platform.EventStore.Appending;

namespace Platform.EventStore.Benchmarks;

/// <summary>The store's side of the append measurements: <see cref="EventStore.AppendAsync(string, ExpectedVersion, IReadOnlyList{EventToAppend}, EventMetadata, CancellationToken)"/> as a service calls it.</summary>
internal static class StoreSide
{
    public static ExpectedVersion Expected(StreamCursor cursor) =>
        cursor.Version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(cursor.Version);

    public static async Task AppendOneAsync(EventStore store, StreamCursor cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var data = BenchEvents.At(cursor.CaseId, cursor.Version + 1, now);
        await store.AppendAsync(
            cursor.StreamId, Expected(cursor), [new EventToAppend(Guid.CreateVersion7(), data)], BenchEvents.Metadata(now), cancellationToken);
        cursor.Appended();
    }

    public static async Task AppendBatchAsync(
        EventStore store, StreamCursor cursor, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = new EventToAppend[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = new EventToAppend(Guid.CreateVersion7(), BenchEvents.At(cursor.CaseId, cursor.Version + 1 + i, now));
        }
        await store.AppendAsync(cursor.StreamId, Expected(cursor), events, BenchEvents.Metadata(now), cancellationToken);
        cursor.Appended();
    }
}
