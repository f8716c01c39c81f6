using System.Globalization;
using System.Text.Json;
using Platform.EventStore.Privacy;
using Platform.EventStore.Types;

namespace Platform.EventStore.Benchmarks;

// Events shaped like the platform's own (ids, a few short strings, actor and time last): 150-300 bytes of JSON.
internal sealed record CaseOpened(Guid CaseId, string OrganizationId, string Channel, string Summary, string OpenedBy, DateTimeOffset OpenedAt);

internal sealed record CaseNoteAdded(Guid CaseId, string Note, string AddedBy, DateTimeOffset AddedAt);

internal sealed record CaseWorkerAssigned(Guid CaseId, Guid WorkerId, string AssignedBy, DateTimeOffset AssignedAt);

// The encrypted phase's twins: the same properties, names and values, so the same JSON shape and
// size; only the first one's marks make the store seal its three personal fields (the reporter's).
internal sealed record ReporterStatementRecorded(
    Guid ReportId,
    [property: DataSubject] Guid ReporterId,
    [property: PersonalData] string ReporterName,
    [property: PersonalData] string ReporterPhone,
    [property: PersonalData] string Narrative,
    string OrganizationId,
    string Channel,
    string RecordedBy,
    DateTimeOffset RecordedAt);

internal sealed record ReporterStatementRecordedPlain(
    Guid ReportId,
    Guid ReporterId,
    string ReporterName,
    string ReporterPhone,
    string Narrative,
    string OrganizationId,
    string Channel,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The benchmark's events and metadata. Store and baseline build their rows from exactly these.</summary>
internal static class BenchEvents
{
    private static readonly Guid Worker = Guid.CreateVersion7();
    private static readonly Actor Actor = new("bench-client", "org-riverside", OnBehalfOf: "caseworker-17");

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<CaseOpened>("bench.case-opened.v1")
        .Register<CaseNoteAdded>("bench.case-note-added.v1")
        .Register<CaseWorkerAssigned>("bench.case-worker-assigned.v1")
        // Names of the same length, so both sides' rows are the same size but for the sealing.
        .Register<ReporterStatementRecorded>("bench.reporter-statement-encrypted.v1")
        .Register<ReporterStatementRecordedPlain>("bench.reporter-statement-plaintext.v1");

    // An intake report's personal part: a name (15 characters), a phone number (15) and the
    // reporter's account (300), as a caseworker types them in.
    private const string ReporterName = "Mariana Okonkwo";
    private const string ReporterPhone = "+44 7700 900123";
    private const string Narrative =
        "On three evenings last week my supervisor stayed behind after the shift and made comments about my body and my "
        + "clothes. On Thursday he blocked the door of the storeroom and would not let me leave until I laughed. Two "
        + "colleagues saw part of it. I am afraid to go back on the late rota. Call before writing.";

    /// <summary>The event at <paramref name="version"/> of a case stream: opened, then notes and assignments.</summary>
    public static object At(Guid caseId, long version, DateTimeOffset now) => version switch
    {
        1 => new CaseOpened(caseId, "org-riverside", "web-form", "Reported repeated unwanted comments in the staff room.", Actor.ClientId, now),
        _ when version % 3 == 0 => new CaseWorkerAssigned(caseId, Worker, Actor.ClientId, now),
        _ => new CaseNoteAdded(caseId, "Follow-up call held; the reporter asked for contact by message only.", Actor.ClientId, now),
    };

    /// <summary>A reporter's statement, with its personal fields marked (<paramref name="encrypted"/>) or not.</summary>
    public static object Statement(bool encrypted, Guid reportId, Guid reporterId, DateTimeOffset now) => encrypted
        ? new ReporterStatementRecorded(reportId, reporterId, ReporterName, ReporterPhone, Narrative, "org-riverside", "phone-line", Actor.ClientId, now)
        : new ReporterStatementRecordedPlain(reportId, reporterId, ReporterName, ReporterPhone, Narrative, "org-riverside", "phone-line", Actor.ClientId, now);

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
