using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Notifications.Polling;

/// <summary>A page of the caller's feed and the cursor to ask for the next one with (the same when nothing new came).</summary>
public sealed record FeedPage(IReadOnlyList<JsonElement> Items, string Next);

/// <summary>
/// For partners who poll instead of receiving webhooks: the same CloudEvents, in a gap-safe order.
/// Only entries of transactions below the oldest one still open are returned, in (transaction id,
/// position) order, so an entry committed late can never land behind a cursor already handed out;
/// a long transaction delays readers, it never makes them skip.
/// </summary>
public static class ReadFeed
{
    public const int DefaultLimit = 100;

    private sealed class Row
    {
        public string TransactionId { get; init; } = "";
        public long Position { get; init; }
        public string Body { get; init; } = "";
    }

    public static async Task<Results<Ok<FeedPage>, ValidationProblem>> HandleAsync(
        string? after, int? limit, HttpContext context, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FeedCursor.TryParse(after, out var cursor))
        {
            errors["after"] = ["Not a cursor this feed handed out: use the 'next' of a previous page, or leave it out to start at the beginning."];
        }
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["From 1 to 1000."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition("""
            select f.transaction_id::text as "TransactionId", f.position as "Position", n.body as "Body"
            from feed_entries f join notifications n on n.id = f.notification_id
            where f.organization_id = @organizationId
              and f.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              and (f.transaction_id, f.position) > (@transactionId::text::xid8, @position)
            order by f.transaction_id, f.position
            limit @limit
            """, new
        {
            organizationId = Guid.Parse(context.GetCaller().OrganizationId),
            transactionId = cursor.TransactionId.ToString(CultureInfo.InvariantCulture),
            position = cursor.Position,
            limit = limit ?? DefaultLimit,
        }, cancellationToken: cancellationToken))).ToList();
        var next = rows.Count == 0
            ? cursor
            : new FeedCursor(ulong.Parse(rows[^1].TransactionId, CultureInfo.InvariantCulture), rows[^1].Position);
        return TypedResults.Ok(new FeedPage([.. rows.Select(row => JsonDocument.Parse(row.Body).RootElement.Clone())], next.ToString()));
    }
}
