using System.Security.Cryptography;
using System.Text;
using Dapper;
using Intake.Reports;
using Npgsql;
using Platform.EventStore;
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

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var recorded in events)
        {
            if (recorded.Data is ReportSubmitted submitted)
            {
                foreach (var (person, digest) in AllegedPerpetrators(submitted.ReceivingOrganizationId, submitted.People))
                {
                    await connection.ExecuteAsync(new CommandDefinition("""
                        insert into perpetrator_references (organization_id, reference_digest, report_id, person_id)
                        values (@organization, @digest, @report, @person) on conflict do nothing
                        """, new { organization = submitted.ReceivingOrganizationId, digest, report = submitted.ReportId, person = person.PersonId },
                        cancellationToken: cancellationToken));
                }
            }
            else if (recorded.Data is SubjectErased erased && Guid.TryParse(erased.SubjectId, out var personId))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "delete from perpetrator_references where person_id = @personId", new { personId }, cancellationToken: cancellationToken));
            }
        }
    }

    /// <summary>Whether someone this submission names as alleged perpetrator is named so in another report of <paramref name="organizationId"/>.</summary>
    public async Task<TriageFacts> FactsAsync(
        NpgsqlDataSource dataSource, Guid organizationId, IReadOnlyList<PersonInvolved> people, CancellationToken cancellationToken)
    {
        var digests = AllegedPerpetrators(organizationId, people).Select(found => found.Digest).ToArray();
        if (digests.Length == 0)
        {
            return TriageFacts.None;
        }
        // One digest per statement (a report rarely names more than one): with "= any(array)" the
        // planner rated each call's custom plan cheaper than the generic one and planned it anew every time.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var digest in digests)
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select from perpetrator_references where organization_id = @organizationId and reference_digest = @digest)",
                new { organizationId, digest }, cancellationToken: cancellationToken)))
            {
                return new TriageFacts(AllegedPerpetratorHasOtherReports: true);
            }
        }
        return TriageFacts.None;
    }

    private IEnumerable<(PersonInvolved Person, byte[] Digest)> AllegedPerpetrators(Guid organizationId, IReadOnlyList<PersonInvolved> people) =>
        people.Where(person => person.Roles.Contains(PersonRole.AllegedPerpetrator) && !string.IsNullOrEmpty(person.Reference)
                && person.Reference != PersonalData.ErasedMarker)
            .Select(person => (person, Digest(organizationId, person.Reference!)));

    // References are compared as the partner wrote them, ignoring case and surrounding space.
    private byte[] Digest(Guid organizationId, string reference) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{organizationId:N}\n{reference.Trim().ToUpperInvariant()}"));
}
