using Npgsql;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults.Access;

namespace Referrals.Referring.Reading;

/// <summary>
/// A referral as either party (or an assigned auditor of the referrer) reads it. <paramref name="SharedData"/>
/// holds exactly the consented fields while the consent lasts, and is null from its end on. The
/// referrer's own ids (<paramref name="CaseId"/>, <paramref name="ConsentId"/>) and the re-route links
/// are null for the recipient: they are not among the consented fields, and a link would tell a new
/// recipient that the person was sent somewhere else first.
/// </summary>
public sealed record ReferralView(
    Guid ReferralId,
    Guid? CaseId,
    Guid ReferringOrganizationId,
    Guid RecipientOrganizationId,
    Guid ServiceId,
    Guid? ConsentId,
    string Purpose,
    string Status,
    string? BusinessStatus,
    IReadOnlyList<string> SharedFields,
    IReadOnlyDictionary<string, string>? SharedData,
    DateTimeOffset ConsentExpiresAt,
    DateTimeOffset RespondBy,
    bool Overdue,
    Guid? RerouteOf,
    Guid? ReroutedTo,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static ReferralView Of(ReferralRow row, DateTimeOffset now, bool withData, Guid viewer)
    {
        ArgumentNullException.ThrowIfNull(row);
        var referrerSide = !row.SeenByRecipient(viewer);
        return new(row.ReferralId, referrerSide ? row.CaseId : null, row.ReferringOrganizationId, row.RecipientOrganizationId, row.ServiceId,
            referrerSide ? row.ConsentId : null, row.Purpose, row.Status, row.BusinessStatus, row.SharedFields,
            withData && row.SharingActiveAt(now) ? row.SharedData : null, row.ConsentExpiresAt, row.RespondBy, row.Overdue,
            referrerSide ? row.RerouteOf : null, referrerSide ? row.ReroutedTo : null, row.RequestedAt, row.UpdatedAt, row.Version);
    }
}

public sealed record ReferralPage(IReadOnlyList<ReferralView> Items, long? NextCursor);

public static class ReferralEndpoints
{
    public const int MaxLimit = 200;

    public static async Task<IResult> GetAsync(Guid referralId, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (_, now, caller) = Changes.Context(http);
        await Changes.RecordReadAsync(http, ReferralStreams.Id(referralId), "referrals: the referral and its shared case data");
        var row = await ReferralRow.FindAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), referralId, http.RequestAborted);
        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such referral.");
        }
        http.Response.Headers.ETag = StreamETag.Of(row.Version);
        return TypedResults.Ok(ReferralView.Of(row, now, withData: true, Changes.OrganizationOf(caller)));
    }

    /// <summary>The organization's referrals, sent or received (<paramref name="direction"/>), without their shared data: read one to see it.</summary>
    public static async Task<IResult> ListAsync(string? direction, long? after, int? limit, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var pageSize = limit ?? 50;
        if (direction is not (null or "sent" or "received") || pageSize is < 1 or > MaxLimit || after < 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The page is not valid.",
                detail: $"direction is sent (the default) or received; limit is 1 to {MaxLimit}; after is the nextCursor of a previous page.");
        }
        var (_, now, caller) = Changes.Context(http);
        var rows = await ReferralRow.ListAsync(http.RequestServices.GetRequiredService<NpgsqlDataSource>(), Changes.OrganizationOf(caller),
            direction == "received", now, after ?? 0, pageSize, http.RequestAborted);
        return TypedResults.Ok(new ReferralPage([.. rows.Select(row => ReferralView.Of(row, now, withData: false, Changes.OrganizationOf(caller)))],
            rows.Count == pageSize ? rows[^1].Position : null));
    }

    public static RouteHandlerBuilder RequireReferralAccess(this RouteHandlerBuilder builder, params string[] roles) =>
        builder.RequireOrganizationAccess(ReferralOwners.Type, "referralId", Scopes.Referrals, roles);
}
