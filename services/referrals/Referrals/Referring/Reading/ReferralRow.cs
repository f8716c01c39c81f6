using System.Text.Json;
using Npgsql;

namespace Referrals.Referring.Reading;

/// <summary>
/// A referral as the read model holds it, with its consent's expiry and, while the consent lets
/// it be seen, the shared view's fields. Nothing else of the case is anywhere to be read.
/// </summary>
public sealed record ReferralRow(
    long Position,
    Guid ReferralId,
    Guid CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    Guid ServiceId,
    Guid ConsentId,
    string Purpose,
    string Status,
    string? BusinessStatus,
    IReadOnlyList<string> SharedFields,
    DateTimeOffset RespondBy,
    bool Overdue,
    Guid? RerouteOf,
    Guid? ReroutedTo,
    bool AccessEnded,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset ConsentExpiresAt,
    DateTimeOffset? ConsentEndedAt,
    IReadOnlyDictionary<string, string>? SharedData)
{
    private const string Columns = """
        r.position, r.referral_id, r.case_id, r.referring_organization_id, r.recipient_organization_id, r.service_id, r.consent_id, r.purpose,
        r.status, r.business_status, r.shared_fields, r.respond_by, r.overdue, r.reroute_of, r.rerouted_to, r.access_ended, r.requested_at,
        r.updated_at, r.version, c.expires_at, c.ended_at, s.fields
        from referrals r
        join consents c on c.consent_id = r.consent_id
        left join shared_views s on s.referral_id = r.referral_id
        """;

    /// <summary>Whether <paramref name="organizationId"/> reads this referral as its recipient (not the referrer or the referrer's auditor).</summary>
    public bool SeenByRecipient(Guid organizationId) => organizationId == RecipientOrganizationId && organizationId != ReferringOrganizationId;

    /// <summary>Whether the consent lets the shared data be seen at <paramref name="now"/>: not ended, not expired, whatever the sweeper has recorded.</summary>
    public bool SharingActiveAt(DateTimeOffset now) => !AccessEnded && ConsentEndedAt is null && now < ConsentExpiresAt;

    public static async Task<ReferralRow?> FindAsync(NpgsqlDataSource database, Guid referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand($"select {Columns} where r.referral_id = $1");
        command.Parameters.Add(new() { Value = referralId });
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// A page of the organization's referrals, oldest first after <paramref name="after"/>: those it
    /// sent, or those it received whose consent still lasts at <paramref name="now"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ReferralRow>> ListAsync(
        NpgsqlDataSource database, Guid organizationId, bool received, DateTimeOffset now, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand($"""
            select {Columns}
            where (($5 and r.recipient_organization_id = $1 and not r.access_ended and c.ended_at is null and c.expires_at > $2)
                or (not $5 and r.referring_organization_id = $1))
              and r.position > $3
            order by r.position limit $4
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = received });
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<ReferralRow>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReferralRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReferralRow(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetGuid(4), reader.GetGuid(5), reader.GetGuid(6),
                reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<string[]>(10),
                reader.GetFieldValue<DateTimeOffset>(11), reader.GetBoolean(12), reader.IsDBNull(13) ? null : reader.GetGuid(13),
                reader.IsDBNull(14) ? null : reader.GetGuid(14), reader.GetBoolean(15), reader.GetFieldValue<DateTimeOffset>(16),
                reader.GetFieldValue<DateTimeOffset>(17), reader.GetInt64(18), reader.GetFieldValue<DateTimeOffset>(19),
                reader.IsDBNull(20) ? null : reader.GetFieldValue<DateTimeOffset>(20),
                reader.IsDBNull(21) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(21))));
        }
        return rows;
    }
}
