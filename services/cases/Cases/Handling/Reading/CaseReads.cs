using Platform.EventStore.ReadAccess;
using Platform.Messaging;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Reading;

/// <summary>
/// Every read of case data is recorded in the read-access log before the data leaves: who (the
/// caller's client, organization and on-behalf-of), which case, why. The purpose is the client's
/// <c>X-Purpose</c> header when it sends one (what an auditor judges a read by), or what the endpoint is for.
/// </summary>
public static class CaseReads
{
    public const string PurposeHeader = "X-Purpose";

    public static async Task RecordAsync(HttpContext http, string streamId, string defaultPurpose)
    {
        ArgumentNullException.ThrowIfNull(http);
        var purpose = http.Request.Headers[PurposeHeader].ToString().Trim();
        if (purpose.Length is 0 or > ReadAccessLog.MaxPurposeLength || purpose.Any(char.IsControl))
        {
            purpose = defaultPurpose;
        }
        await http.RequestServices.GetRequiredService<ReadAccessLog>().RecordAsync(
            streamId, http.GetCaller().ToActor(), purpose, http.GetCorrelationId(), http.RequestAborted);
    }
}
