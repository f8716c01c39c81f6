using Intake.Settings;
using Intake.Triage;
using Npgsql;

namespace Intake.Reports.Submitting;

/// <summary>
/// What deciding a submission needs from the read models: the receiving organization's settings and
/// what it already knows of the alleged perpetrators. One round trip for all of it.
/// </summary>
public static class SubmissionLookup
{
    public static async Task<(IntakeSettings Settings, TriageFacts Facts)> ReadAsync(
        NpgsqlDataSource dataSource, PerpetratorReferences perpetrators, Guid organizationId, IReadOnlyList<PersonInvolved> people,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(perpetrators);
        var factQueries = perpetrators.FactQueries(organizationId, people);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(IntakeSettings.Query(organizationId));
        foreach (var query in factQueries)
        {
            batch.BatchCommands.Add(query);
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var settings = await IntakeSettings.ReadAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return (settings, await PerpetratorReferences.ReadFactsAsync(reader, factQueries.Count, cancellationToken));
    }
}
