using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Handling.Reading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Integrity;
using Platform.EventStore.ReadAccess;
using Platform.EventStore.Reading;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Auditing;

/// <summary>One stored event with everything recorded about it: who, for whom, when it happened and when it was stored, in which chain of work.</summary>
public sealed record HistoryEntry(
    long Version,
    Guid EventId,
    string Type,
    Actor Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string CorrelationId,
    string? CausationId,
    object Data);

public sealed record CaseDiff(long From, long To, IReadOnlyList<FieldChange> Changes);

/// <summary>A field of the case (a JSON path such as <c>/notes/0/text</c>) before and after; null where it did not exist.</summary>
public sealed record FieldChange(string Path, JsonNode? Before, JsonNode? After);

public sealed record CaseVerification(bool Intact, long EventsChecked, long CheckpointsChecked, long? LatestCheckpoint, IReadOnlyList<IntegrityBreak> Breaks);

/// <summary>
/// What an auditor assigned to the handling organization reads (role <c>auditor</c>; the
/// assignment grant allows reading only). Each read is itself recorded in the read-access log.
/// </summary>
public static class AuditEndpoints
{
    public static async Task<IResult> HistoryAsync(Guid caseId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var streamId = CaseStreams.Id(caseId);
        await CaseReads.RecordAsync(http, streamId, "audit: the case's history");
        var events = await http.RequestServices.GetRequiredService<EventStore>().ReadStreamAsync(streamId, cancellationToken: http.RequestAborted);
        return TypedResults.Ok(events.Select(e => new HistoryEntry(e.StreamVersion, e.EventId, e.EventType, e.Metadata.Actor,
            e.Metadata.OccurredAt, e.RecordedAt, e.Metadata.CorrelationId, e.Metadata.CausationId, e.Data)).ToList());
    }

    /// <summary>
    /// What changed in the case between two versions, field by field, as the case view shows it.
    /// Without <paramref name="from"/> it starts before the case existed (version 0); without
    /// <paramref name="to"/> it ends at the latest version.
    /// </summary>
    public static async Task<IResult> DiffAsync(Guid caseId, long? from, long? to, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var start = from ?? 0;
        var end = to ?? long.MaxValue;
        if (start < 0 || end < start)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Name two versions in order.",
                detail: "Give from and to with 0 <= from <= to.");
        }
        var streamId = CaseStreams.Id(caseId);
        await CaseReads.RecordAsync(http, streamId, "audit: a diff of the case");
        var store = http.RequestServices.GetRequiredService<EventStore>();
        var before = await store.LoadAsync(streamId, CaseView.Initial, CaseView.Evolve, StreamRead.UpToVersion(start), http.RequestAborted);
        var after = await store.LoadAsync(streamId, CaseView.Initial, CaseView.Evolve, StreamRead.UpToVersion(end), http.RequestAborted);
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var changes = new List<FieldChange>();
        JsonDiff.Compare("", JsonSerializer.SerializeToNode(before.State, json), JsonSerializer.SerializeToNode(after.State, json), changes);
        return TypedResults.Ok(new CaseDiff(before.Version, after.Version, changes));
    }

    /// <summary>Recomputes the case's hash chain from the stored bytes and checks it against every signed checkpoint.</summary>
    public static async Task<IResult> VerifyAsync(Guid caseId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var streamId = CaseStreams.Id(caseId);
        await CaseReads.RecordAsync(http, streamId, "audit: integrity verification");
        var services = http.RequestServices;
        var report = await IntegrityVerifier.VerifyStreamAsync(
            services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<CheckpointKeys>(), streamId, http.RequestAborted);
        return TypedResults.Ok(new CaseVerification(report.Intact, report.EventsChecked, report.CheckpointsChecked,
            report.LatestCheckpoint?.Sequence, report.Breaks));
    }

    /// <summary>Who read the case, a page at a time; this query is recorded in the log too (the next page shows it).</summary>
    public static async Task<IResult> ReadAccessAsync(Guid caseId, long? after, int? limit, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var pageSize = limit ?? 100;
        if (pageSize is < 1 or > ReadAccessQuery.MaxLimit || after < 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The page is not valid.",
                detail: $"limit is 1 to {ReadAccessQuery.MaxLimit}; after is the nextCursor of a previous page.");
        }
        var page = await http.RequestServices.GetRequiredService<ReadAccessLog>().QueryAsync(
            new ReadAccessQuery(StreamId: CaseStreams.Id(caseId), After: after, Limit: pageSize),
            http.GetCaller().ToActor(), "audit: the case's read-access log", http.GetCorrelationId(), http.RequestAborted);
        return TypedResults.Ok(page);
    }
}
