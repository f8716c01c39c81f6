using System.Text.Json;
using Dapper;
using Intake.Reports;
using Npgsql;
using Platform.EventStore.Projections;

namespace Intake.AnonymousAccess;

/// <summary>
/// Which report a key's digest opens and the passphrase's slow hash, projected from
/// <see cref="AnonymousAccessGranted"/> in the append's transaction, so a reporter can follow up the
/// moment they have their key.
/// </summary>
public sealed class AnonymousAccessKeys : IInlineProjection
{
    public bool AppliesTo(string eventType) => eventType == "intake.anonymous-access-granted.v1";

    public IEnumerable<NpgsqlBatchCommand> Changes(IReadOnlyList<AppendingEvent> events) =>
        events.Select(appending => appending.Data).OfType<AnonymousAccessGranted>().Select(granted => ProjectionStatement.Of("""
            insert into anonymous_access (key_digest, report_id, passphrase) values ($1, $2, $3::jsonb)
            on conflict (key_digest) do nothing
            """, granted.KeyDigest, granted.ReportId, JsonSerializer.Serialize(granted.Passphrase)));

    /// <summary>The report and stored hash for a key's digest; null for a key that opens nothing.</summary>
    public static async Task<(Guid ReportId, PassphraseHash Passphrase)?> FindAsync(
        NpgsqlConnection connection, string keyDigest, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(Guid ReportId, string Passphrase)?>(new CommandDefinition(
            "select report_id, passphrase::text from anonymous_access where key_digest = @keyDigest", new { keyDigest },
            cancellationToken: cancellationToken));
        return row is { } found ? (found.ReportId, JsonSerializer.Deserialize<PassphraseHash>(found.Passphrase)!) : null;
    }
}
