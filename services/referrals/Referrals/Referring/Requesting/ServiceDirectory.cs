namespace Referrals.Referring.Requesting;

/// <summary>The directory's entry for a service a referral names.</summary>
public static class ServiceDirectory
{
    public static Task<OfferedService?> FindAsync(HttpContext http, Guid serviceId, Guid recipientOrganizationId)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Task.FromResult<OfferedService?>(new OfferedService(serviceId, recipientOrganizationId, true));
    }
}
