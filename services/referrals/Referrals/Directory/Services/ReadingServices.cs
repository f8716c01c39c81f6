using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals.Directory.Services;

/// <summary><c>GET /api/referrals/directory/services/{serviceId}</c>: any partner reads a service, inactive ones too (with their status).</summary>
public static class ReadingServices
{
    public static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> GetAsync(
        Guid serviceId, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        if (await DirectoryReads.ServiceAsync(database, serviceId, cancellationToken) is not { } service)
        {
            return DirectoryProblems.NotFound($"There is no service '{serviceId}' this client can see.");
        }
        http.Response.Headers.ETag = RowVersions.ETag(service.Version);
        return TypedResults.Ok(ServiceView.For(service, Guid.Parse(http.GetCaller().OrganizationId)));
    }
}
