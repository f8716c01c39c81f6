using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Reading;

/// <summary>Which organization handles a case, from the case list (written in the same transaction as the case's opening).</summary>
public sealed class CaseOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "case";

    public string ResourceType => Type;

    public async ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var caseId))
        {
            return null;
        }
        await using var command = dataSource.CreateCommand("select organization_id from case_list where case_id = $1");
        command.Parameters.Add(new() { Value = caseId });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid owner ? owner.ToString("D") : null;
    }
}
