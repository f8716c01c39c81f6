using Platform.EventStore.Appending;
using Platform.EventStore.Privacy;

namespace Cases.Handling.Erasing;

public sealed record EraseSubjectRequest(CaseSubject? Subject, ErasureGround? Ground);

public static class EraseSubjectEndpoint
{
    public static async Task<IResult> HandleAsync(Guid caseId, EraseSubjectRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = CaseChanges.Context(http);
        var streamId = CaseStreams.Id(caseId);
        var loaded = await store.LoadAsync(streamId, CaseState.Initial, CaseState.Evolve, cancellationToken: http.RequestAborted);
        var expected = StreamETag.Expected(http.Request, streamId, loaded.Version);
        var ground = CaseChanges.Required(request.Ground, "ground");
        var subjectId = EraseSubject.Decide(new EraseSubject(caseId, CaseChanges.Required(request.Subject, "subject"), ground), loaded.State);

        var result = await store.EraseSubjectAsync(subjectId, streamId, ExpectedVersion.Exactly(expected), WireName.Of(ground),
            CaseChanges.Metadata(http, caller, at), http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Ok(new CaseChanged(caseId, result.StreamVersion));
    }
}
