using System.Text.Json;
using Intake.AnonymousAccess;
using Intake.Contracts;
using Intake.Idempotency;
using Intake.Triage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.EventStore.Appending;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports.Submitting;

/// <summary>What a partner gets back for a report: where it is and how it was triaged. Nothing personal.</summary>
public sealed record ReportReceipt(
    Guid ReportId, ReportStatus Status, ReportPriority Priority, IReadOnlyList<TriageRule> RulesFired, DateTimeOffset AcknowledgeBy, DateTimeOffset SubmittedAt);

/// <summary>
/// What an anonymous reporter gets back, once: the key and passphrase to follow the report up with.
/// Neither is kept, so neither can be shown again.
/// </summary>
public sealed record AnonymousReceipt(string ReportKey, string Passphrase, ReportStatus Status, DateTimeOffset SubmittedAt, string FollowUp)
{
    public override string ToString() => $"{nameof(AnonymousReceipt)} {{ {nameof(Status)} = {Status} }}";
}

/// <summary><c>POST /api/intake/reports</c> (partners) and <c>POST /api/intake/anonymous-reports</c> (anyone).</summary>
public static class SubmittingReports
{
    public static async Task<Results<IdempotentResponse, ValidationProblem>> PartnerAsync(
        SubmitReportRequest request, HttpContext http, Store store, NpgsqlDataSource dataSource, PerpetratorReferences perpetrators,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (actor, metadata) = ReportCommands.Partner(http, time);
        var validated = SubmissionValidation.Validate(request, SubmissionRoute.Partner, metadata.OccurredAt, Guid.CreateVersion7);
        if (validated.Submission is not { } submission)
        {
            return TypedResults.ValidationProblem(validated.Errors);
        }
        var organizationId = ((OrganizationActor)actor).OrganizationId;
        var (settings, facts) = await SubmissionLookup.ReadAsync(dataSource, perpetrators, organizationId, submission.People, cancellationToken);
        var reportId = Guid.CreateVersion7();
        var events = SubmitReport.Decide(
            new SubmitReport(reportId, submission, null, facts, settings.Acknowledgement, actor, metadata.OccurredAt), Report.Initial);

        return await ReportCommands.AppendAsync(store, http, reportId, ExpectedVersion.NoStream, events, metadata, appended =>
        {
            var triage = events.OfType<ReportSubmitted>().Single().Triage!;
            var receipt = new ReportReceipt(reportId, ReportStatus.Submitted, triage.Priority, triage.RulesFired, triage.AcknowledgeBy, metadata.OccurredAt);
            return new IdempotentResponse(StatusCodes.Status201Created, $"/api/intake/reports/{reportId}",
                StreamETag.Of(appended.StreamVersion), JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web));
        }, cancellationToken);
    }

    public static async Task<Results<IdempotentResponse, ValidationProblem>> AnonymousAsync(
        SubmitReportRequest request, HttpContext http, Store store, NpgsqlDataSource dataSource, PerpetratorReferences perpetrators,
        PassphraseHasher hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var (actor, metadata) = ReportCommands.Anonymous(time);
        var validated = SubmissionValidation.Validate(request, SubmissionRoute.AnonymousPublic, metadata.OccurredAt, Guid.CreateVersion7);
        if (validated.Submission is not { } submission)
        {
            return TypedResults.ValidationProblem(validated.Errors);
        }
        var organizationId = submission.ReceivingOrganizationId!.Value;
        var (settings, facts) = await SubmissionLookup.ReadAsync(dataSource, perpetrators, organizationId, submission.People, cancellationToken);
        if (!settings.AcceptsAnonymousReports)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["receivingOrganizationId"] = ["This organization does not take anonymous reports here; check the address you were given."],
            });
        }
        var access = IssuedAnonymousAccess.Issue(hasher);
        var reportId = Guid.CreateVersion7();
        var events = SubmitReport.Decide(
            new SubmitReport(reportId, submission, access.Credential, facts, settings.Acknowledgement, actor, metadata.OccurredAt), Report.Initial);

        return await ReportCommands.AppendAsync(store, http, reportId, ExpectedVersion.NoStream, events, metadata, _ =>
        {
            var key = access.Key.ToString();
            var followUp = $"/api/intake/anonymous-reports/{key}";
            var receipt = new AnonymousReceipt(key, access.Passphrase, ReportStatus.Submitted, metadata.OccurredAt, followUp);
            return new IdempotentResponse(StatusCodes.Status201Created, followUp, null, JsonSerializer.Serialize(receipt, JsonSerializerOptions.Web));
        }, cancellationToken);
    }
}
