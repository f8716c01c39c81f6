using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals;

/// <summary>A consent belongs to the organization that recorded it (the referring case's); no one else reaches it.</summary>
public sealed class ConsentOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "consent";

    public string ResourceType => Type;

    public ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken) =>
        Owner(dataSource, "select organization_id from consents where consent_id = $1", resourceId, cancellationToken);

    internal static async ValueTask<string?> Owner(NpgsqlDataSource dataSource, string sql, string resourceId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(resourceId, out var id))
        {
            return null;
        }
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid owner ? owner.ToString("D") : null;
    }
}

/// <summary>A referral belongs to the referring organization; the recipient reaches it through <see cref="RecipientGrants"/>.</summary>
public sealed class ReferralOwners(NpgsqlDataSource dataSource) : IResourceOwners
{
    public const string Type = "referral";

    public string ResourceType => Type;

    public ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken) =>
        ConsentOwners.Owner(dataSource, "select referring_organization_id from referrals where referral_id = $1", resourceId, cancellationToken);
}

/// <summary>
/// The recorded grant of a referral: its recipient organization reaches it (to read and to respond)
/// while the consent it was shared under lasts. Expiry is checked against the time now, so access
/// ends at the consent's expiry even before the sweeper records it; revocation ends it the moment it
/// commits. After that the recipient gets the same 404 as any other organization.
/// </summary>
public sealed class RecipientGrants(NpgsqlDataSource dataSource, TimeProvider time) : IAccessGrants
{
    private const string Sql = """
        select exists (
            select from referrals r join consents c on c.consent_id = r.consent_id
            where r.referral_id = $1 and r.recipient_organization_id = $2 and not r.access_ended
              and c.ended_at is null and c.expires_at > $3)
        """;

    public async ValueTask<bool> AllowsAsync(Caller caller, ResourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResourceType != ReferralOwners.Type || !Guid.TryParse(request.ResourceId, out var referralId)
            || !Guid.TryParse(caller.OrganizationId, out var organizationId))
        {
            return false;
        }
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new() { Value = referralId });
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
