using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Intake.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Intake.Reports.Listing;

public sealed record ReportSummary(
    Guid ReportId, string Status, string Mode, string Kind, string Setting, string? Priority, DateTimeOffset? AcknowledgeBy,
    DateTimeOffset SubmittedAt, DateTimeOffset? WithdrawnAt, int MessageCount, DateTimeOffset? LastMessageAt);

/// <summary>A page of reports; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? NextCursor);

/// <summary>
/// <c>GET /api/intake/reports</c>: the caller's organization's reports, newest first, filtered by
/// status, kind, priority and submission date, a page at a time. The cursor is keyset
/// (submitted-at, id), so pages never skip or repeat a report while new ones arrive.
/// </summary>
public static class ListingReports
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<ReportPage>, ValidationProblem>> ListAsync(
        HttpContext http, NpgsqlDataSource dataSource, CancellationToken cancellationToken,
        string? status = null, string? kind = null, string? priority = null, string? submittedFrom = null, string? submittedTo = null,
        string? limit = null, string? cursor = null)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new
        {
            organization = Guid.Parse(http.GetCaller().OrganizationId),
            status = Vocabulary<ReportStatus>(errors, "status", status),
            kind = Vocabulary<ReportKind>(errors, "kind", kind),
            priority = Vocabulary<ReportPriority>(errors, "priority", priority),
            from = Time(errors, "submittedFrom", submittedFrom),
            to = Time(errors, "submittedTo", submittedTo),
            limit = Limit(errors, limit),
            after = Cursor(errors, cursor),
        };
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var command = dataSource.CreateCommand("""
            select report_id, status, mode, kind, setting, priority, acknowledge_by, submitted_at, withdrawn_at, message_count, last_message_at
            from report_summaries
            where receiving_organization_id = $1
              and ($2::text is null or status = $2)
              and ($3::text is null or kind = $3)
              and ($4::text is null or priority = $4)
              and ($5::timestamptz is null or submitted_at >= $5)
              and ($6::timestamptz is null or submitted_at < $6)
              and ($7::timestamptz is null or (submitted_at, report_id) < ($7, $8))
            order by submitted_at desc, report_id desc
            limit $9
            """);
        foreach (var value in new object?[]
        {
            filter.organization, filter.status, filter.kind, filter.priority, filter.from, filter.to,
            filter.after?.SubmittedAt, filter.after?.ReportId ?? Guid.Empty, filter.limit + 1,
        })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        var rows = new List<ReportSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new ReportSummary(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset?>(6), reader.GetFieldValue<DateTimeOffset>(7),
                    reader.GetFieldValue<DateTimeOffset?>(8), reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset?>(10)));
            }
        }

        var more = rows.Count > filter.limit;
        var page = more ? rows[..filter.limit] : rows;
        return TypedResults.Ok(new ReportPage(page, more ? EncodeCursor(page[^1]) : null));
    }

    private static string? Vocabulary<TEnum>(Dictionary<string, string[]> errors, string name, string? value) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }
        if (!WireNames.TryParse<TEnum>(value, out _))
        {
            errors[name] = [$"One of {string.Join(", ", WireNames.All<TEnum>())}."];
        }
        return value;
    }

    private static DateTimeOffset? Time(Dictionary<string, string[]> errors, string name, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year is >= 1900 and <= 9999)
        {
            return time.ToUniversalTime();
        }
        errors[name] = ["An RFC 3339 date or time, such as 2026-11-21 or 2026-11-21T09:30:00Z."];
        return null;
    }

    private static int Limit(Dictionary<string, string[]> errors, string? value)
    {
        if (value is null)
        {
            return DefaultLimit;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }
        errors["limit"] = [$"A whole number from 1 to {MaxLimit}."];
        return DefaultLimit;
    }

    private sealed record Position(DateTimeOffset SubmittedAt, Guid ReportId);

    private static string EncodeCursor(ReportSummary last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.SubmittedAt.UtcTicks}.{last.ReportId:N}")));

    private static Position? Cursor(Dictionary<string, string[]> errors, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split('.');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return new Position(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }
        errors["cursor"] = ["Not a cursor this API gave out: pass nextCursor from the previous page as it is."];
        return null;
    }
}
