using Cases.Contracts;
using MassTransit;
using Npgsql;
using Platform.ServiceDefaults;

namespace Referrals.KnownCases;

/// <summary>
/// Keeps <see cref="CaseOrganizations"/>: every case cases opens, with its organization. Idempotent
/// by the case id (a redelivery or a duplicate inserts nothing), so at-least-once delivery is enough.
/// </summary>
public sealed class RecordCaseOnCaseOpened(NpgsqlDataSource database, SchemaState schema) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await schema.Applied.WaitAsync(context.CancellationToken);
        var opened = context.Message;
        await CaseOrganizations.RecordAsync(database, opened.CaseId, opened.OrganizationId, opened.OpenedAt, context.CancellationToken);
    }
}
