using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.EventStore.ReadAccess;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Referrals;

/// <summary>What a change answers: the resource and its version, which is also the response's ETag.</summary>
public sealed record Changed(Guid Id, long Version);

/// <summary>What every endpoint of referrals needs from its request: the store, the time, the caller.</summary>
public static class Changes
{
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

    /// <summary>
    /// Runs <paramref name="attempt"/> (load, decide, append at the version loaded) and, when its append
    /// loses the race on the stream version to another writer (the sweeper ending access, say) and the
    /// client sent no If-Match, runs it once more: without If-Match the client asked for the change on
    /// the resource as it is, so the decision is taken again on what the winner wrote, and its answer
    /// is the request's (404 once the recipient's access has ended, 409 for a step no longer allowed).
    /// With If-Match the client named a version, and losing is the 412 it asked for.
    /// </summary>
    public static async Task<T> OnceMoreOnLostRaceAsync<T>(HttpRequest request, Func<Task<T>> attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            return await attempt();
        }
        catch (WrongExpectedVersionException) when (request.Headers.IfMatch.Count == 0)
        {
            return await attempt();
        }
    }

    /// <summary>A field the request must carry; JSON binding leaves a missing one null.</summary>
    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new ReferralRuleViolationException(RuleViolationKind.Unprocessable, $"The request needs '{field}'.");

    public static Guid OrganizationOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Guid.Parse(caller.OrganizationId);
    }

    /// <summary>Every read of a consent or a referral (shared data included) is recorded before the data leaves.</summary>
    public static Task RecordReadAsync(HttpContext http, string streamId, string purpose)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<ReadAccessLog>().RecordAsync(
            streamId, http.GetCaller().ToActor(), purpose, http.GetCorrelationId(), http.RequestAborted);
    }
}
