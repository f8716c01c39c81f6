using System.Collections.Concurrent;

namespace Platform.EventStore.Privacy;

/// <summary>
/// Unwrapped data keys kept for reuse, never more than <c>capacity</c> of them. A service meets
/// new subjects all day (every report brings its people), so keeping every key it ever used would
/// grow without end and hold every subject's plain key in memory. Two generations: keys go into
/// the newer one; when it holds half the capacity, the older one is dropped whole and the newer
/// one takes its place. A key not found is read back from the database, or a subject without one
/// gets a new key, so what is dropped costs a round trip later, never correctness.
/// </summary>
internal sealed class DataKeyCache<TId>(int capacity) where TId : notnull
{
    private readonly int generationSize = Math.Max(1, capacity / 2);
    private readonly Lock turning = new();
    private ConcurrentDictionary<TId, DataKey> newer = new();
    private ConcurrentDictionary<TId, DataKey> older = new();
    // ConcurrentDictionary.Count takes every lock of the dictionary: adds are counted here instead.
    private int added;

    public int Count => newer.Count + older.Count;

    public bool TryGet(TId id, out DataKey key) => newer.TryGetValue(id, out key) || older.TryGetValue(id, out key);

    public void Add(TId id, DataKey key)
    {
        if (newer.TryAdd(id, key) && Interlocked.Increment(ref added) >= generationSize)
        {
            lock (turning)
            {
                if (Volatile.Read(ref added) >= generationSize)
                {
                    older = newer;
                    newer = new();
                    Volatile.Write(ref added, 0);
                }
            }
        }
    }

    /// <summary>Drops every key of <paramref name="subjectId"/> (erased).</summary>
    public void RemoveSubject(string subjectId)
    {
        foreach (var generation in (ReadOnlySpan<ConcurrentDictionary<TId, DataKey>>)[newer, older])
        {
            foreach (var (id, key) in generation)
            {
                if (key.SubjectId == subjectId)
                {
                    generation.TryRemove(id, out _);
                }
            }
        }
    }

    public void Clear()
    {
        lock (turning)
        {
            newer = new();
            older = new();
            Volatile.Write(ref added, 0);
        }
    }
}
