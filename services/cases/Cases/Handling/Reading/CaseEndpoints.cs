using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.EventStore.Reading;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Reading;

/// <summary>One event of a case as its handling organization's timeline shows it.</summary>
public sealed record TimelineEntry(long Version, string Type, DateTimeOffset OccurredAt, string By, string? OnBehalfOf, object Data);

public static class CaseEndpoints
{
    /// <summary>
    /// The case: as it is now, or as it stood at a time (<paramref name="asOf"/>, by the time each
    /// event was recorded) or a version: what the organization saw then, for an auditor's replay.
    /// </summary>
    public static async Task<IResult> GetAsync(Guid caseId, DateTimeOffset? asOf, long? version, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (asOf is not null && version is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Ask for one point of the case's history.",
                detail: "Give asOf or version, not both.");
        }
        var streamId = CaseStreams.Id(caseId);
        var read = asOf is { } time ? StreamRead.AsItStoodAt(time) : version is { } v ? StreamRead.UpToVersion(v) : StreamRead.All;
        await CaseReads.RecordAsync(http, streamId, asOf is null && version is null ? "case handling: the case" : "case replay: the case as it stood");
        var loaded = await http.RequestServices.GetRequiredService<EventStore>()
            .LoadAsync(streamId, CaseView.Initial, CaseView.Evolve, read, http.RequestAborted);
        if (loaded.Version == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                detail: "The case did not exist yet at that point of its history.");
        }
        http.Response.Headers.ETag = StreamETag.Of(loaded.Version);
        return TypedResults.Ok(new VersionedCase(loaded.Version, loaded.State));
    }

    /// <summary>Every change to the case in order, for the organization handling it.</summary>
    public static async Task<IResult> TimelineAsync(Guid caseId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var streamId = CaseStreams.Id(caseId);
        await CaseReads.RecordAsync(http, streamId, "case handling: the timeline");
        var events = await http.RequestServices.GetRequiredService<EventStore>().ReadStreamAsync(streamId, cancellationToken: http.RequestAborted);
        if (events.Count > 0)
        {
            http.Response.Headers.ETag = StreamETag.Of(events[^1].StreamVersion);
        }
        return TypedResults.Ok(events.Select(e => new TimelineEntry(
            e.StreamVersion, e.EventType, e.Metadata.OccurredAt, e.Metadata.Actor.ClientId, e.Metadata.Actor.OnBehalfOf, e.Data)).ToList());
    }

    public static RouteHandlerBuilder RequireCaseAccess(this RouteHandlerBuilder builder, params string[] roles) =>
        builder.RequireOrganizationAccess(CaseOwners.Type, "caseId", Scopes.Cases, roles);
}

public sealed record VersionedCase(long Version, CaseView Case);
