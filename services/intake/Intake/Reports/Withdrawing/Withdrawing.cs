using System.Text.Json;
using Intake.Idempotency;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports.Withdrawing;

public sealed record WithdrawReportRequest(string? Reason, string? Explanation);

public sealed record WithdrawalReceipt(Guid ReportId, ReportStatus Status, DateTimeOffset WithdrawnAt);

/// <summary>Withdrawing a report, by the submitting partner or the anonymous reporter: an event, never a delete.</summary>
public static class Withdrawing
{
    public static async Task<IResult> WithdrawAsync(
        Store store, HttpContext http, Guid reportId, WithdrawReportRequest request, ReportActor actor, EventMetadata metadata,
        CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<WithdrawalReason>(request.Reason, out var reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Required: one of {string.Join(", ", WireNames.All<WithdrawalReason>())}."],
            });
        }
        var (state, version) = await ReportCommands.LoadAsync(store, reportId, cancellationToken);
        var expected = ExpectedVersion.Exactly(StreamETag.Expected(http.Request, ReportStreams.For(reportId), version));
        var events = WithdrawReport.Decide(new WithdrawReport(reportId, reason, request.Explanation, actor, metadata.OccurredAt), state);
        return await ReportCommands.AppendAsync(store, http, reportId, expected, events, metadata, appended =>
            new IdempotentResponse(StatusCodes.Status200OK, null, StreamETag.Of(appended.StreamVersion),
                JsonSerializer.Serialize(new WithdrawalReceipt(reportId, ReportStatus.Withdrawn, metadata.OccurredAt), JsonSerializerOptions.Web)),
            cancellationToken);
    }
}
