using Intake.AnonymousAccess;
using Intake.Reports;
using Intake.Reports.Submitting;
using Intake.Triage;
using ReportMode = Intake.Contracts.ReportMode;
using ReportPriority = Intake.Contracts.ReportPriority;

namespace Intake.Tests.Reports;

internal static class Examples
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid ReportId = Guid.Parse("0195a1b2-0000-7000-8000-000000000001");
    public static readonly Guid School = Guid.Parse("0195a1b2-0000-7000-8000-00000000a001");
    public static readonly Guid Employer = Guid.Parse("0195a1b2-0000-7000-8000-00000000a002");

    public static readonly OrganizationActor SchoolSystem = new(School, "riverside-school");
    public static readonly OrganizationActor EmployerSystem = new(Employer, "northwind-hr");

    public const string Narrative = "After I asked him to stop, he kept sending me messages at night and waited outside the library.";

    /// <summary>Deterministic PersonIds: 00000000-0000-0000-0000-000000000001, ...02, ...</summary>
    public static Func<Guid> Ids()
    {
        var next = 0;
        return () => Guid.Parse($"00000000-0000-0000-0000-{++next:D12}");
    }

    /// <summary>An identified student reporting for herself about a named classmate.</summary>
    public static SubmitReportRequest Request() => new(
        Kind: "stalking",
        Setting: "school",
        Mode: "identified",
        When: new IncidentPeriodRequest(new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), Approximate: true),
        Where: "Library, second floor",
        Narrative: Narrative,
        People:
        [
            new PersonRequest(["reporter", "affected-person"], "Ana Example", new ContactRequest("ana@example.org", "+34 600 000 000", "Email only"), IsMinor: false, AgeBand: "18-24"),
            new PersonRequest(["alleged-perpetrator"], "Marco Sample", null, IsMinor: false, AgeBand: null),
        ],
        ImmediateDanger: false,
        Consent: new ConsentRequest(ToBeContacted: true, ToShareWithSupportServices: false),
        PreferredLanguage: "es",
        Attachments: [new AttachmentRequest(new string('a', 64), "image/png", 12_345)],
        ReceivingOrganizationId: null);

    /// <summary>A bystander reporting anonymously through the public route.</summary>
    public static SubmitReportRequest AnonymousRequest() => Request() with
    {
        Mode = null,
        People =
        [
            new PersonRequest(["reporter", "witness"], null, null, null, null),
            new PersonRequest(["affected-person"], "A colleague", null, null, null),
            new PersonRequest(["alleged-perpetrator"], "The shift manager", null, null, null),
        ],
        ReceivingOrganizationId = Employer,
    };

    public static ReportSubmission Submission(SubmitReportRequest? request = null, SubmissionRoute route = SubmissionRoute.Partner) =>
        SubmissionValidation.Validate(request ?? Request(), route, Now, Ids()).Submission
            ?? throw new InvalidOperationException("The example is not valid.");

    public static ReportSubmitted Submitted(Guid? submittingOrganizationId = null, ReportMode mode = ReportMode.Identified)
    {
        var submission = Submission();
        return new(ReportId, School, submittingOrganizationId ?? School, mode, submission.Kind, submission.Setting,
            new IncidentAccount(submission.People[0].PersonId, submission.Narrative, submission.Where, submission.When),
            submission.People, false, submission.Consent, submission.PreferredLanguage, submission.Attachments, "riverside-school", Now,
            new TriageDecision(ReportPriority.Normal, [], Now.AddDays(7)));
    }

    /// <summary>As <see cref="Submitted"/>, through the anonymous public route to the same school.</summary>
    public static ReportSubmitted SubmittedAnonymously() =>
        Submitted(mode: ReportMode.Anonymous) with { SubmittingOrganizationId = null, SubmittedBy = AnonymousReporter.ActorName };

    public static AnonymousAccessGranted AccessGranted() =>
        new(ReportId, new string('d', 64), new PassphraseHash(PassphraseHasher.Algorithm, 1_000, "c2FsdA==", "aGFzaA=="), Now);

    /// <summary>The reporter of <see cref="Submitted"/>.</summary>
    public static Guid ReporterId => Submission().People[0].PersonId;
}
