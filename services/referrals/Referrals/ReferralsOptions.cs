using Referrals.Directory;

namespace Referrals;

/// <summary>
/// <c>Referrals:*</c> settings. A recipient answers a referral within
/// <see cref="DefaultResponseTime"/> unless <see cref="ServiceResponseTimes"/> names its service,
/// by the directory's service id or else by one of the service's taxonomy codes, with a time of
/// its own (a shelter, say, answers faster than a legal clinic). The sweeper looks for deadlines and expiries every <see cref="SweepInterval"/>;
/// expiry is enforced at read time anyway, so the interval only bounds how late events are recorded.
/// </summary>
public sealed class ReferralsOptions
{
    public TimeSpan DefaultResponseTime { get; set; } = TimeSpan.FromHours(72);

    public Dictionary<string, TimeSpan> ServiceResponseTimes { get; set; } = [];

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a consent or referral naming a case referrals has not heard of yet waits for cases'
    /// announcement of it before it is refused (422, "retry"): a case opened a moment ago is usually
    /// known within milliseconds.
    /// </summary>
    public TimeSpan CaseArrivalWait { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ResponseTimeFor(Guid serviceId, ServiceOffering? service)
    {
        if (ServiceResponseTimes.TryGetValue(serviceId.ToString("D"), out var time))
        {
            return time;
        }
        foreach (var code in service?.TaxonomyCodes ?? [])
        {
            if (ServiceResponseTimes.TryGetValue(code, out time))
            {
                return time;
            }
        }
        return DefaultResponseTime;
    }
}
