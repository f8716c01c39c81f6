using System.Globalization;
using System.Text.Json;
using Platform.EventStore.Types;

namespace Platform.EventStore.Benchmarks;

// Events shaped like the platform's own (ids, a few short strings, actor and time last): 150-300 bytes of JSON.
internal sealed record CaseOpened(Guid CaseId, string OrganizationId, string Channel, string Summary, string OpenedBy, DateTimeOffset OpenedAt);

internal sealed record CaseNoteAdded(Guid CaseId, string Note, string AddedBy, DateTimeOffset AddedAt);

internal sealed record CaseWorkerAssigned(Guid CaseId, Guid WorkerId, string AssignedBy, DateTimeOffset AssignedAt);

/// <summary>The benchmark's events and metadata. Store and baseline build their rows from exactly these.</summary>
internal static class BenchEvents
{
    private static readonly Guid Worker = Guid.CreateVersion7();
    private static readonly Actor Actor = new("bench-client", "org-riverside", OnBehalfOf: "caseworker-17");

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<CaseOpened>("bench.case-opened.v1")
        .Register<CaseNoteAdded>("bench.case-note-added.v1")
        .Register<CaseWorkerAssigned>("bench.case-worker-assigned.v1");

    /// <summary>The event at <paramref name="version"/> of a case stream: opened, then notes and assignments.</summary>
    public static object At(Guid caseId, long version, DateTimeOffset now) => version switch
    {
        1 => new CaseOpened(caseId, "org-riverside", "web-form", "Reported repeated unwanted comments in the staff room.", Actor.ClientId, now),
        _ when version % 3 == 0 => new CaseWorkerAssigned(caseId, Worker, Actor.ClientId, now),
        _ => new CaseNoteAdded(caseId, "Follow-up call held; the reporter asked for contact by message only.", Actor.ClientId, now),
    };

    public static EventMetadata Metadata(DateTimeOffset now) =>
        EventMetadata.For(Actor, Guid.CreateVersion7().ToString(), now);

    /// <summary>The metadata exactly as the store writes it (same serializer options).</summary>
    public static string MetadataJson(EventMetadata metadata) => JsonSerializer.Serialize(metadata, EventTypeRegistry.SerializerOptions);
}

/// <summary>
/// One writer's streams. Every writer appends only to streams of its own and knows their versions,
/// so every append carries its exact expected version (<c>NoStream</c> for a stream's first append):
/// the check a real command handler makes, and no append ever conflicts, so neither side retries.
/// A new stream is started after <paramref name="appendsPerStream"/> appends, so a run mixes starting
/// streams and appending to existing ones, as a service does.
/// </summary>
internal sealed class StreamCursor(string prefix, int appendsPerStream, int eventsPerAppend)
{
    private long stream = -1;
    private int appendsInStream = -1; // no stream yet

    public string StreamId { get; private set; } = "";

    public Guid CaseId { get; private set; }

    /// <summary>The stream's version before the next append (0: it does not exist yet).</summary>
    public long Version { get; private set; }

    /// <summary>Moves to the next append: a new stream when the current one is full.</summary>
    public StreamCursor Next()
    {
        if (appendsInStream is -1 || appendsInStream == appendsPerStream)
        {
            stream++;
            appendsInStream = 0;
            StreamId = string.Create(CultureInfo.InvariantCulture, $"case-{prefix}-{stream:D7}");
            CaseId = Guid.CreateVersion7();
            Version = 0;
        }
        return this;
    }

    /// <summary>The append went through.</summary>
    public void Appended()
    {
        appendsInStream++;
        Version += eventsPerAppend;
    }
}
