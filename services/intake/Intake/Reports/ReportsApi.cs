using Intake.Contracts;
using Intake.Idempotency;
using Intake.Reports.Erasing;
using Intake.Reports.Listing;
using Intake.Reports.PostingMessages;
using Intake.Reports.Reading;
using Intake.Reports.Submitting;
using Intake.Reports.Withdrawing;
using Platform.ServiceDefaults.Access;
using Store = Platform.EventStore.EventStore;

namespace Intake.Reports;

/// <summary>
/// The partner route (<c>/api/intake/reports</c>): submit with scope <c>intake.submit</c>; list, read
/// and converse with scope <c>intake</c>. A report is reached only by the organization that receives it
/// (and an auditor assigned to it, reading): everyone else gets 404.
/// </summary>
public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/intake/reports").WithTags("Reports");
        reports.MapPost("", SubmittingReports.PartnerAsync).WithName("SubmitReport")
            .RequireCaller(Scopes.IntakeSubmit, Roles.Caseworker)
            .AddEndpointFilter(new IdempotencyFilter<SubmitReportRequest>(anonymous: false));
        reports.MapGet("", ListingReports.ListAsync).WithName("ListReports").RequireCaller(Scopes.Intake);
        reports.MapGet("/{reportId:guid}", ReadingReports.ReportAsync).WithName("GetReport")
            .RequireOrganizationAccess(ReportOwners.Type, "reportId", Scopes.Intake);
        reports.MapGet("/{reportId:guid}/messages", ReadingReports.MessagesAsync).WithName("GetReportMessages")
            .RequireOrganizationAccess(ReportOwners.Type, "reportId", Scopes.Intake);
        reports.MapPost("/{reportId:guid}/messages", PostMessageAsync).WithName("PostReportMessage")
            .RequireOrganizationAccess(ReportOwners.Type, "reportId", Scopes.Intake, Roles.Caseworker)
            .AddEndpointFilter(new IdempotencyFilter<PostMessageRequest>(anonymous: false));
        reports.MapPost("/{reportId:guid}/withdrawal", WithdrawAsync).WithName("WithdrawReport")
            .RequireOrganizationAccess(ReportOwners.Type, "reportId", Scopes.Intake, Roles.Caseworker);
        reports.MapPost("/{reportId:guid}/erasures", ErasingPeople.EraseAsync).WithName("ErasePersonFromReport")
            .RequireOrganizationAccess(ReportOwners.Type, "reportId", Scopes.Intake, Roles.Caseworker);
    }

    // The organization answers as handler unless it says it relays its own reporter ("author": "reporter").
    private static Task<IResult> PostMessageAsync(Guid reportId, PostMessageRequest request, HttpContext http, Store store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (actor, metadata) = ReportCommands.Partner(http, time);
        return PostingMessages.PostingMessages.PostAsync(store, http, reportId, request, actor, metadata, MessageAuthor.Handler, cancellationToken);
    }

    private static Task<IResult> WithdrawAsync(Guid reportId, WithdrawReportRequest request, HttpContext http, Store store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (actor, metadata) = ReportCommands.Partner(http, time);
        return Withdrawing.Withdrawing.WithdrawAsync(store, http, reportId, request, actor, metadata, cancellationToken);
    }
}
