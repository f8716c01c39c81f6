using System.Security.Cryptography;
using System.Text;
using Intake.Reports;
using Npgsql;
using NpgsqlTypes;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;

namespace Intake.Triage;

/// <summary>
/// Recognises an alleged perpetrator named in an earlier report of the same organization by the
/// partner's own reference for them, never by name. References are short and guessable (employee
/// numbers), so the table keeps HMAC-SHA256 digests under <c>Intake:Triage:ReferenceKey</c>: a dump
/// without the key cannot tell whom they name. Kept in the append's transaction; a person's rows go
/// when they are erased.
/// </summary>
public sealed class PerpetratorReferences : IInlineProjection
{
    private readonly byte[] key;

    public PerpetratorReferences(IConfiguration configuration)
    {
        var configured = configuration["Intake:Triage:ReferenceKey"];
        key = string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Intake:Triage:ReferenceKey is required: base64 of 32 random bytes (openssl rand -base64 32).")
            : Convert.FromBase64String(configured);
        if (key.Length < 32)
        {
            throw new InvalidOperationException("Intake:Triage:ReferenceKey must be at least 32 bytes.");
        }
    }

    public bool AppliesTo(string eventType) => eventType is "intake.report-submitted.v1" or SubjectErased.TypeName;

    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var appending in events)
        {
            if (appending.Data is ReportSubmitted submitted)
            {
                foreach (var (person, digest) in AllegedPerpetrators(submitted.ReceivingOrganizationId, submitted.People))
                {
                    yield return ProjectionStatement.Of("""
                        insert into perpetrator_references (organization_id, reference_digest, report_id, person_id)
                        values ($1, $2, $3, $4) on conflict do nothing
                        """, submitted.ReceivingOrganizationId, digest, submitted.ReportId, person.PersonId);
                }
            }
            else if (appending.Data is SubjectErased erased && Guid.TryParse(erased.SubjectId, out var personId))
            {
                yield return ProjectionStatement.Of("delete from perpetrator_references where person_id = $1", personId);
            }
        }
    }

    /// <summary>
    /// Queries telling whether someone this submission names as alleged perpetrator is named so in
    /// another report of <paramref name="organizationId"/>: one per reference (a report rarely has
    /// more than one). With "= any(array)" the planner rated each call's custom plan cheaper than the
    /// generic one and planned it anew every time.
    /// </summary>
    public IReadOnlyList<NpgsqlBatchCommand> FactQueries(Guid organizationId, IReadOnlyList<PersonInvolved> people) =>
        [.. AllegedPerpetrators(organizationId, people).Select(found => new NpgsqlBatchCommand(
            "select exists (select from perpetrator_references where organization_id = $1 and reference_digest = $2)")
        {
            Parameters =
            {
                new() { Value = organizationId, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = found.Digest, NpgsqlDbType = NpgsqlDbType.Bytea },
            },
        })];

    /// <summary>The facts from the results of <see cref="FactQueries"/>, which <paramref name="reader"/> is at the first of.</summary>
    public static async Task<TriageFacts> ReadFactsAsync(NpgsqlDataReader reader, int queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var named = false;
        for (var query = 0; query < queries; query++)
        {
            await reader.ReadAsync(cancellationToken);
            named |= reader.GetBoolean(0);
            await reader.NextResultAsync(cancellationToken);
        }
        return named ? new TriageFacts(AllegedPerpetratorHasOtherReports: true) : TriageFacts.None;
    }

    private IEnumerable<(PersonInvolved Person, byte[] Digest)> AllegedPerpetrators(Guid organizationId, IReadOnlyList<PersonInvolved> people) =>
        people.Where(person => person.Roles.Contains(PersonRole.AllegedPerpetrator) && !string.IsNullOrEmpty(person.Reference)
                && person.Reference != PersonalData.ErasedMarker)
            .Select(person => (person, Digest(organizationId, person.Reference!)));

    // References are compared as the partner wrote them, ignoring case and surrounding space.
    private byte[] Digest(Guid organizationId, string reference) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{organizationId:N}\n{reference.Trim().ToUpperInvariant()}"));
}
