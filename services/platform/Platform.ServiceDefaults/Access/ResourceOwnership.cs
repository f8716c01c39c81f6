using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Says which organization owns a resource of one type: a service registers one per resource
/// type its endpoints name (a case, a report, a referral) with <see cref="ResourceOwnership.AddResourceOwners{T}"/>.
/// </summary>
public interface IResourceOwners
{
    /// <summary>The name endpoints use in <c>RequireOrganizationAccess</c>, e.g. <c>case</c>.</summary>
    string ResourceType { get; }

    /// <summary>The owning organization's id, or null when there is no such resource.</summary>
    ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken);
}

/// <summary>
/// A recorded grant that lets a caller of another organization reach a resource: a referral
/// the survivor consented to, for instance. Several may be registered; any one allowing is enough.
/// </summary>
public interface IAccessGrants
{
    ValueTask<bool> AllowsAsync(Caller caller, ResourceRequest request, CancellationToken cancellationToken);
}

/// <summary>A caller asking for one resource: its type, id, owner and the HTTP method (reading or changing it).</summary>
public sealed record ResourceRequest(string ResourceType, string ResourceId, string OwnerOrganizationId, string Method);

public static class ResourceOwnership
{
    public static IServiceCollection AddResourceOwners<T>(this IServiceCollection services) where T : class, IResourceOwners =>
        services.AddSingleton<IResourceOwners, T>();

    public static IServiceCollection AddAccessGrants<T>(this IServiceCollection services) where T : class, IAccessGrants =>
        services.AddSingleton<IAccessGrants, T>();
}
