using System.Globalization;
using Intake.Contracts;
using Intake.Idempotency;
using Intake.Reports;
using Intake.Reports.PostingMessages;
using Intake.Reports.Reading;
using Intake.Reports.Submitting;
using Intake.Reports.Withdrawing;
using Platform.ServiceDefaults.Access;
using Store = Platform.EventStore.EventStore;

namespace Intake.AnonymousAccess;

public sealed record SignInRequest(string? Passphrase);

public sealed record SessionDocument(string SessionToken, DateTimeOffset ExpiresAt, string Header)
{
    public override string ToString() => $"{nameof(SessionDocument)} {{ {nameof(ExpiresAt)} = {ExpiresAt} }}";
}

/// <summary>What an anonymous reporter may see of their report: where it stands, nothing of the organization's handling.</summary>
public sealed record AnonymousReportStatus(ReportStatus Status, ReportKind Kind, DateTimeOffset SubmittedAt, DateTimeOffset? AcknowledgeBy, int MessageCount);

/// <summary>
/// The public, unauthenticated route (<c>/api/intake/anonymous-reports</c>): submitting, then
/// following up with the report key and passphrase. The gateway forwards no address or user agent
/// here, and nothing here records any. Every failure to open a report (malformed key, unknown key,
/// wrong passphrase, expired session) gets the same answer.
/// </summary>
public static class AnonymousReportsApi
{
    public static void MapAnonymousReportsApi(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup("/api/intake/anonymous-reports").WithTags("Anonymous reports").AllowPublicAccess();
        anonymous.MapPost("", SubmittingReports.AnonymousAsync).WithName("SubmitAnonymousReport")
            .AddEndpointFilter(new IdempotencyFilter<SubmitReportRequest>(anonymous: true));
        anonymous.MapPost("/{key}/sessions", SignInAsync).WithName("OpenAnonymousReportSession");
        // The session is checked first, before any idempotent replay could answer.
        var followUp = anonymous.MapGroup("/{key}").AddEndpointFilter<ReportSessionFilter>();
        followUp.MapGet("", StatusAsync).WithName("GetAnonymousReport");
        followUp.MapGet("/messages", MessagesAsync).WithName("GetAnonymousReportMessages");
        followUp.MapPost("/messages", PostMessageAsync).WithName("PostAnonymousReportMessage")
            .AddEndpointFilter(new IdempotencyFilter<PostMessageRequest>(anonymous: true));
        followUp.MapPost("/withdrawal", WithdrawAsync).WithName("WithdrawAnonymousReport");
    }

    private static async Task<IResult> SignInAsync(string key, SignInRequest request, SigningIn signingIn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Passphrase) || request.Passphrase.Length > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["passphrase"] = ["Required: the passphrase you were given."] });
        }
        // A malformed key is visibly no key: refusing it at once says nothing about the keys that exist.
        if (ReportKey.Parse(key) is not { } reportKey)
        {
            return Refused();
        }
        var answer = await signingIn.AttemptAsync(reportKey, request.Passphrase, cancellationToken);
        return answer switch
        {
            { Outcome: SignInOutcome.Granted, SessionToken: { } token, ExpiresAt: { } expiresAt } =>
                TypedResults.Created((string?)null, new SessionDocument(token, expiresAt, AnonymousSessions.Header)),
            { Outcome: SignInOutcome.TryLater, RetryAfter: var wait } => TooManyAttempts(wait),
            _ => Refused(),
        };
    }

    private static async Task<IResult> StatusAsync(HttpContext http, Store store, CancellationToken cancellationToken)
    {
        var reportId = ReportSessionFilter.ReportOf(http);
        var events = await store.ReadStreamAsync(ReportStreams.For(reportId), cancellationToken: cancellationToken);
        var document = ReportReading.Document([.. events.Select(e => e.Data)], events[^1].StreamVersion, readerIsHandler: false)!;
        return TypedResults.Ok(new AnonymousReportStatus(document.Status, document.Kind, document.SubmittedAt, document.AcknowledgeBy, document.MessageCount));
    }

    private static async Task<IResult> MessagesAsync(HttpContext http, Store store, CancellationToken cancellationToken)
    {
        var reportId = ReportSessionFilter.ReportOf(http);
        var events = await store.ReadStreamAsync(ReportStreams.For(reportId), cancellationToken: cancellationToken);
        return TypedResults.Ok(ReportReading.Messages(events.Select(e => e.Data)));
    }

    private static async Task<IResult> PostMessageAsync(PostMessageRequest request, HttpContext http, Store store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var reportId = ReportSessionFilter.ReportOf(http);
        var (actor, metadata) = ReportCommands.Anonymous(time);
        return await PostingMessages.PostAsync(store, http, reportId, request with { Author = null }, actor, metadata, MessageAuthor.Reporter, cancellationToken);
    }

    private static async Task<IResult> WithdrawAsync(WithdrawReportRequest request, HttpContext http, Store store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var reportId = ReportSessionFilter.ReportOf(http);
        var (actor, metadata) = ReportCommands.Anonymous(time);
        return await Withdrawing.WithdrawAsync(store, http, reportId, request, actor, metadata, cancellationToken);
    }

    private static WithHeader TooManyAttempts(TimeSpan? wait) => new WithHeader(
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts.",
            detail: "Wait as long as Retry-After says before trying this report key again."),
        "Retry-After", Math.Max(1, (int)Math.Ceiling((wait ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    // A 401 must say how to authenticate (RFC 9110): here, with a report session.
    internal static IResult Refused() => new WithHeader(
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The report key, passphrase or session is not right.",
            detail: $"Check the key and passphrase you were given and open a new session; then send its token in the {AnonymousSessions.Header} header."),
        "WWW-Authenticate", $"{AnonymousSessions.Header} realm=\"anonymous-reports\"");

    /// <summary>Opens the report a follow-up names for the rest of the request, or answers 401 for anything else.</summary>
    private sealed class ReportSessionFilter(AnonymousSessions sessions) : IEndpointFilter
    {
        private const string Item = "intake.anonymous-report";

        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (ReportKey.Parse(http.Request.RouteValues["key"]?.ToString()) is { } key
                && await sessions.OpensAsync(key, http.Request.Headers[AnonymousSessions.Header], http.RequestAborted) is { } reportId)
            {
                http.Items[Item] = reportId;
                http.Response.Headers.CacheControl = "no-store";
                return await next(context);
            }
            return Refused();
        }

        public static Guid ReportOf(HttpContext http) => (Guid)http.Items[Item]!;
    }

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
