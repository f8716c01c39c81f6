using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling;

/// <summary>What a change answers: the case and its version, which is also the response's ETag.</summary>
public sealed record CaseChanged(Guid CaseId, long Version);

/// <summary>
/// The one way an endpoint changes a case: load its stream, check If-Match, decide, append at the
/// version decided on. A stale If-Match is 412 before deciding; a write that lands between the load
/// and the append loses on the stream's unique version (412 with If-Match, 409 without).
/// </summary>
public static class CaseChanges
{
    public static async Task<IResult> DecideAsync(
        HttpContext http, Guid caseId, Func<string, DateTimeOffset, CaseState, IReadOnlyList<object>> decide)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(decide);
        var (store, at, caller) = Context(http);
        var streamId = CaseStreams.Id(caseId);
        var loaded = await store.LoadAsync(streamId, CaseState.Initial, CaseState.Evolve, cancellationToken: http.RequestAborted);
        var expected = StreamETag.Expected(http.Request, streamId, loaded.Version);

        var events = decide(caller.ClientId, at, loaded.State);
        var result = await store.AppendAsync(streamId, ExpectedVersion.Exactly(expected), [.. events.Select(EventToAppend.New)],
            Metadata(http, caller, at), http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Ok(new CaseChanged(caseId, result.StreamVersion));
    }

    public static (EventStore Store, DateTimeOffset At, Caller Caller) Context(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return (services.GetRequiredService<EventStore>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), http.GetCaller());
    }

    public static EventMetadata Metadata(HttpContext http, Caller caller, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        return EventMetadata.For(caller.ToActor(), http.GetCorrelationId() ?? http.TraceIdentifier, at);
    }

    /// <summary>A field the request must carry; JSON binding leaves a missing one null.</summary>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new CaseRuleViolationException(RuleViolationKind.Unprocessable, $"The request needs '{field}'.");
}
