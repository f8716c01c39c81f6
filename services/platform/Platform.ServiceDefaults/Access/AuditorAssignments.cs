using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// The auditor assignment grant: identity records which organizations an auditor organization
/// audits and puts them in its tokens (<c>audits</c>), so every service honours an assignment
/// without calling identity. It allows reading only.
/// </summary>
internal sealed class AuditorAssignments : IAccessGrants
{
    public ValueTask<bool> AllowsAsync(Caller caller, ResourceRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(
            caller.Roles.Contains(Roles.Auditor)
            && caller.AuditedOrganizations.Contains(request.OwnerOrganizationId)
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)));
}
