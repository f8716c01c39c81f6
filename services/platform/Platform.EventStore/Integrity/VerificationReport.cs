namespace Platform.EventStore.Integrity;

/// <summary>
/// One place where the stored history is not what the store wrote: a stream and version, or a
/// checkpoint (<see cref="StreamId"/> is then <c>checkpoint</c> and <see cref="Version"/> its sequence).
/// </summary>
public sealed record IntegrityBreak(string StreamId, long Version, string Reason)
{
    public override string ToString() => $"{StreamId} v{Version}: {Reason}";
}

public sealed record VerificationProgress(long EventsChecked, long EventsTotal, long StreamsChecked, double EventsPerSecond);

public sealed record VerificationReport(
    long EventsChecked,
    long StreamsChecked,
    long CheckpointsChecked,
    Checkpoint? LatestCheckpoint,
    IReadOnlyList<IntegrityBreak> Breaks,
    TimeSpan Elapsed)
{
    public bool Intact => Breaks.Count == 0;
}
