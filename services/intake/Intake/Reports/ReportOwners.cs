using Dapper;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Intake.Reports;

/// <summary>A report belongs to the organization that receives it (a partner submits only to itself).</summary>
public sealed class ReportOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "report";

    public string ResourceType => Type;

    public async ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var reportId))
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "select receiving_organization_id from report_summaries where report_id = @reportId", new { reportId }, cancellationToken: cancellationToken));
        return owner?.ToString();
    }
}
