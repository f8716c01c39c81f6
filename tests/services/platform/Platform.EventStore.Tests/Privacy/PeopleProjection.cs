using Npgsql;
using Platform.EventStore.Privacy;
using Platform.EventStore.Projections;

namespace Platform.EventStore.Tests.Privacy;

/// <summary>A read model holding personal data, as a service's would: it blanks a subject on <see cref="SubjectErased"/>.</summary>
public sealed class PeopleProjection : IProjection
{
    public string Name => "people";

    public IReadOnlyList<string> Tables => ["people"];

    public string CreateTablesSql(ProjectionTables tables) =>
        $"create table {tables["people"]} (person_id text primary key, name text, phone text, narrative text)";

    public async Task ApplyAsync(IReadOnlyList<RecordedEvent> events, ProjectionTables tables, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var recorded in events)
        {
            await using var command = recorded.Data switch
            {
                PersonReported reported => new NpgsqlCommand($"""
                    insert into {tables["people"]} values ($1, $2, $3, $4)
                    on conflict (person_id) do update set name = excluded.name, phone = excluded.phone, narrative = excluded.narrative
                    """, connection)
                {
                    Parameters = { new() { Value = reported.PersonId.ToString() }, new() { Value = reported.Name }, new() { Value = reported.Phone }, new() { Value = reported.Narrative } },
                },
                SubjectErased erased => new NpgsqlCommand($"delete from {tables["people"]} where person_id = $1", connection)
                {
                    Parameters = { new() { Value = erased.SubjectId } },
                },
                _ => null,
            };
            if (command is not null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
