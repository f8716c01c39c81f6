using Microsoft.AspNetCore.Http.HttpResults;
using Platform.EventStore.Appending;
using Platform.EventStore.ReadAccess;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports.Reading;

/// <summary>
/// <c>GET /api/intake/reports/{reportId}</c> and its messages, for the receiving organization and
/// those a recorded grant lets read (an assigned auditor). Every read is recorded in the
/// read-access log before anything is returned.
/// </summary>
public static class ReadingReports
{
    public static async Task<Results<Ok<ReportDocument>, NotFound>> ReportAsync(
        Guid reportId, HttpContext http, Store store, ReadAccessLog readAccess, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var events = await store.ReadStreamAsync(ReportStreams.For(reportId), cancellationToken: cancellationToken);
        if (events.Count == 0)
        {
            return TypedResults.NotFound();
        }
        await readAccess.RecordAsync(ReportStreams.For(reportId), caller.ToActor(), "read report", http.GetCorrelationId(), cancellationToken);
        var readerIsHandler = caller.Roles.Contains(Roles.Caseworker)
            && events[0].Data is ReportSubmitted submitted && submitted.ReceivingOrganizationId.ToString() == caller.OrganizationId;
        var document = ReportReading.Document([.. events.Select(e => e.Data)], events[^1].StreamVersion, readerIsHandler);
        if (document is null)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.ETag = StreamETag.Of(document.Version);
        return TypedResults.Ok(document);
    }

    public static async Task<Ok<IReadOnlyList<MessageDocument>>> MessagesAsync(
        Guid reportId, HttpContext http, Store store, ReadAccessLog readAccess, CancellationToken cancellationToken)
    {
        var events = await store.ReadStreamAsync(ReportStreams.For(reportId), cancellationToken: cancellationToken);
        await readAccess.RecordAsync(ReportStreams.For(reportId), http.GetCaller().ToActor(), "read report messages", http.GetCorrelationId(), cancellationToken);
        return TypedResults.Ok(ReportReading.Messages(events.Select(e => e.Data)));
    }
}
