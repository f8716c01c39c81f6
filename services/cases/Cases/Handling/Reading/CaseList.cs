using Intake.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Access;

namespace Cases.Handling.Reading;

public sealed record CaseListItem(
    Guid CaseId,
    Guid? ReportId,
    string Status,
    string Kind,
    string Setting,
    string? Priority,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? AcknowledgedAt,
    bool AcknowledgedLate,
    bool AcknowledgementOverdue,
    Guid? WorkerId,
    string? RiskLevel,
    string Investigation,
    bool Escalated,
    string? Outcome,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    long Version);

/// <summary><paramref name="Next"/> is the <c>after</c> of the next page, or null at the end.</summary>
public sealed record CaseListPage(IReadOnlyList<CaseListItem> Cases, string? Next);

/// <summary>
/// One organization's cases, newest first, from <c>case_list</c>: the caller's own
/// (<c>/api/cases/list</c>, its case workers) or the one named in the path
/// (<c>/api/cases/organizations/{id}/list</c>, the organization itself or an auditor assigned to
/// it, where an auditor starts a replay). Filters combine; <c>overdue=true</c> is a case nobody
/// acknowledged whose deadline has passed. The cursor is the last row's position, so a page never
/// repeats or skips a case when new ones open meanwhile.
/// </summary>
public static class CaseList
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static Task<IResult> OwnAsync(
        string? status, string? priority, Guid? workerId, bool? overdue, string? after, int? limit, HttpContext http) =>
        ListAsync(Guid.Parse(http.GetCaller().OrganizationId), new(status, priority, workerId, overdue, after, limit), http);

    /// <summary>The organization check (owner or assigned auditor) has run before this handler.</summary>
    public static Task<IResult> OfOrganizationAsync(
        Guid organizationId, string? status, string? priority, Guid? workerId, bool? overdue, string? after, int? limit, HttpContext http) =>
        ListAsync(organizationId, new(status, priority, workerId, overdue, after, limit), http);

    private sealed record Query(string? Status, string? Priority, Guid? WorkerId, bool? Overdue, string? After, int? Limit);

    private static async Task<IResult> ListAsync(Guid organizationId, Query query, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (status, priority, workerId, overdue, after, limit) = query;
        if (status is not (null or "open" or "closed"))
        {
            return Invalid("status is 'open' or 'closed'.");
        }
        if (priority is not null && !WireName.TryParse<ReportPriority>(priority, out _))
        {
            return Invalid("priority is 'normal' or 'urgent'.");
        }
        long? cursor = null;
        if (after is not null)
        {
            if (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
            {
                return Invalid("after is the 'next' of a previous page.");
            }
            cursor = position;
        }
        var pageSize = limit ?? DefaultLimit;
        if (pageSize is < 1 or > MaxLimit)
        {
            return Invalid($"limit is 1 to {MaxLimit}.");
        }
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        // A list names no case content, but it is still a read of the organization's cases: recorded
        // against the organization's list rather than one line per case listed.
        await CaseReads.RecordAsync(http, $"case-list-{organizationId:D}", "case handling: the case list");

        await using var command = http.RequestServices.GetRequiredService<NpgsqlDataSource>().CreateCommand($"""
            select case_id, report_id, status, kind, setting, priority, acknowledge_by, acknowledged_at, acknowledged_late,
                   worker_id, risk_level, investigation, escalated, outcome, opened_at, closed_at, version, position
            from case_list
            where organization_id = $1 and position < $2
              and ($3::text is null or status = $3)
              and ($4::text is null or priority = $4)
              and ($5::uuid is null or worker_id = $5)
              and ($6::boolean is null or coalesce(acknowledged_at is null and acknowledge_by < $7, false) = $6)
            order by position desc
            limit $8
            """);
        command.Parameters.Add(new() { Value = organizationId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = cursor ?? long.MaxValue, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)priority ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)workerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (object?)overdue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        command.Parameters.Add(new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = pageSize + 1, NpgsqlDbType = NpgsqlDbType.Integer });

        var items = new List<(CaseListItem Item, long Position)>();
        await using (var reader = await command.ExecuteReaderAsync(http.RequestAborted))
        {
            while (await reader.ReadAsync(http.RequestAborted))
            {
                var acknowledgeBy = reader.IsDBNull(6) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(6);
                var acknowledgedAt = reader.IsDBNull(7) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(7);
                items.Add((new CaseListItem(
                    reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), acknowledgeBy, acknowledgedAt, reader.GetBoolean(8),
                    acknowledgedAt is null && acknowledgeBy < now,
                    reader.IsDBNull(9) ? null : reader.GetGuid(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetString(11),
                    reader.GetBoolean(12), reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetFieldValue<DateTimeOffset>(14),
                    reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15), reader.GetInt64(16)), reader.GetInt64(17)));
            }
        }
        var next = items.Count > pageSize ? items[pageSize - 1].Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new CaseListPage([.. items.Take(pageSize).Select(row => row.Item)], next));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The list query is not valid.", detail: detail);
}
