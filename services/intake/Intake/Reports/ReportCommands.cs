using System.Diagnostics;
using Intake.Idempotency;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports;

/// <summary>What every report endpoint does around its decider: who is acting, loading, appending, answering.</summary>
public static class ReportCommands
{
    /// <summary>The partner organization calling, as deciders and the store see it.</summary>
    public static (ReportActor Actor, EventMetadata Metadata) Partner(HttpContext http, TimeProvider time)
    {
        var caller = http.GetCaller();
        return (new OrganizationActor(Guid.Parse(caller.OrganizationId), caller.ClientId),
            EventMetadata.For(caller.ToActor(), http.GetCorrelationId() ?? Guid.CreateVersion7().ToString("N"), Now(time)));
    }

    /// <summary>
    /// An anonymous reporter. Their events carry a fresh correlation id and no trace context: both
    /// would tie the report to the request's traces and logs, where a network address could be.
    /// </summary>
    public static (ReportActor Actor, EventMetadata Metadata) Anonymous(TimeProvider time) =>
        (AnonymousReporter.Instance, new EventMetadata(Guid.CreateVersion7().ToString("N"), null, null,
            new Actor(AnonymousReporter.ActorName, null, null), Now(time)));

    // PostgreSQL keeps microseconds: a time cut to them reads back the same from events, read models and responses.
    private static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    public static Task<Platform.EventStore.Reading.StreamState<Report>> LoadAsync(Store store, Guid reportId, CancellationToken cancellationToken) =>
        store.LoadAsync(ReportStreams.For(reportId), Report.Initial, Report.Evolve, cancellationToken: cancellationToken);

    /// <summary>
    /// Appends the decided events and answers with <paramref name="respond"/>'s response, remembered for
    /// an <c>Idempotency-Key</c> in the same transaction as the events.
    /// </summary>
    public static async Task<IdempotentResponse> AppendAsync(
        Store store, HttpContext http, Guid reportId, ExpectedVersion expected, IReadOnlyList<object> events, EventMetadata metadata,
        Func<AppendResult, IdempotentResponse> respond, CancellationToken cancellationToken)
    {
        // The store stamps each append with its span's trace context, a child of the request's
        // trace. For an anonymous reporter that trace could have been started by their browser or
        // a proxy that also saw their address, so their appends start a trace of their own.
        var requestActivity = Activity.Current;
        if (metadata.Actor.ClientId == AnonymousReporter.ActorName)
        {
            Activity.Current = null;
        }
        try
        {
            var streamId = ReportStreams.For(reportId);
            EventToAppend[] toAppend = [.. events.Select(EventToAppend.New)];
            if (http.Features.Get<IdempotentRequest>() is not { } idempotent)
            {
                // Nothing to remember with the events: the store's own transaction is one round
                // trip (append and inline projections in one batch) where a caller's takes three.
                return respond(await store.AppendAsync(streamId, expected, toAppend, metadata, cancellationToken));
            }
            return await store.InTransactionAsync(async (transaction, ct) =>
            {
                var response = respond(await transaction.AppendAsync(streamId, expected, toAppend, metadata, ct));
                await IdempotentRequests.CompleteAsync(transaction.Connection, idempotent, response, ct);
                return response;
            }, cancellationToken);
        }
        finally
        {
            Activity.Current = requestActivity;
        }
    }

}
