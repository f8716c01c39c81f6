using Platform.EventStore.Appending;
using Platform.EventStore.Privacy;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports.Erasing;

/// <summary>Who to erase (a <c>personId</c> from the report's <c>people</c>) and on what ground.</summary>
public sealed record ErasePersonRequest(Guid? PersonId, string? Ground);

/// <summary>The erasure as recorded: the report's new version is also its ETag.</summary>
public sealed record ErasureReceipt(Guid ReportId, Guid PersonId, string Ground, DateTimeOffset ErasedAt, long Version);

/// <summary>
/// <c>POST /api/intake/reports/{reportId}/erasures</c>: a caseworker of the receiving organization
/// erases a person's data from the report (If-Match: the report's ETag, optional). Not idempotent
/// by key: erasing the same person again is a 409 that says it is done.
/// </summary>
public static class ErasingPeople
{
    public static async Task<IResult> EraseAsync(
        Guid reportId, ErasePersonRequest request, HttpContext http, Store store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var personId = request.PersonId ?? Guid.Empty;
        if (personId == Guid.Empty)
        {
            errors["personId"] = ["Required: the personId of someone in the report, as the report lists its people."];
        }
        if (!WireNames.TryParse<ErasureGround>(request.Ground, out var ground))
        {
            errors["ground"] = [$"Required: one of {string.Join(", ", WireNames.All<ErasureGround>())}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (actor, metadata) = ReportCommands.Partner(http, time);
        var (state, version) = await ReportCommands.LoadAsync(store, reportId, cancellationToken);
        var streamId = ReportStreams.For(reportId);
        var expected = ExpectedVersion.Exactly(StreamETag.Expected(http.Request, streamId, version));
        var subject = ErasePerson.Decide(new ErasePerson(personId, ground, actor), state);
        var groundName = WireNames.Of(ground);
        var erased = await store.EraseSubjectAsync(subject, streamId, expected, groundName, metadata, cancellationToken);
        http.Response.Headers.ETag = StreamETag.Of(erased.StreamVersion);
        return TypedResults.Ok(new ErasureReceipt(reportId, personId, groundName, metadata.OccurredAt, erased.StreamVersion));
    }
}
