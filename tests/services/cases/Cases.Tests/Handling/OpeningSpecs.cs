using Cases.Handling;
using Cases.Handling.Opening;
using Intake.Contracts;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class OpeningSpecs
{
    private static OpenCase Command() =>
        new(CaseId, School, ReportId, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, null, AffectedPerson, Respondent,
            "system:cases.open-case-on-report-submitted", Now);

    private static ReportSubmitted Report(ReportTriage? triage) =>
        new(ReportId, School, School, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, Now, triage);

    private static IReadOnlyList<object> FromReport(ReportSubmitted report, CaseState _) =>
        OpenCaseOnReportSubmitted.Decide(report, AffectedPerson, Respondent, Now);

    [Fact]
    public void A_report_opens_a_case_in_its_receiving_organization() =>
        Spec.Given().When(Command(), OpenCase.Decide).Then(Opened());

    [Fact]
    public void A_handler_opens_a_case_directly_with_no_report() =>
        Spec.Given().When(Command() with { ReportId = null, Mode = null, Priority = ReportPriority.Normal, By = By }, OpenCase.Decide)
            .Then(Opened() with { ReportId = null, Mode = null, Priority = ReportPriority.Normal, OpenedBy = By });

    [Fact]
    public void A_report_that_comes_with_its_triage_opens_its_case_already_triaged()
    {
        var caseId = CaseStreams.CaseIdOfReport(ReportId);

        Spec.Given().When(Report(new ReportTriage(ReportPriority.Urgent, [TriageRule.ImmediateDanger], Now.AddHours(24))), FromReport)
            .Then(Opened() with { CaseId = caseId }, Triaged() with { CaseId = caseId });
    }

    [Fact]
    public void A_report_stored_before_triage_travelled_with_it_opens_its_case_untriaged() =>
        Spec.Given().When(Report(triage: null), FromReport).Then(Opened() with { CaseId = CaseStreams.CaseIdOfReport(ReportId) });

    [Fact]
    public void Cannot_open_a_case_twice() =>
        Spec.Given(Opened()).When(Command(), OpenCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void The_case_of_a_report_is_the_same_every_time_and_never_the_report_id()
    {
        CaseStreams.CaseIdOfReport(ReportId).ShouldBe(CaseStreams.CaseIdOfReport(ReportId));
        CaseStreams.CaseIdOfReport(ReportId).ShouldNotBe(ReportId);
        CaseStreams.CaseIdOfReport(ReportId).ShouldNotBe(CaseStreams.CaseIdOfReport(Guid.CreateVersion7()));
        CaseStreams.CaseIdOfReport(ReportId).Version.ShouldBe(8);
        // Stored case ids: the same report gives the same case in every version of the service.
        CaseStreams.CaseIdOfReport(ReportId).ShouldBe(Guid.Parse("44a0629a-91b8-8433-844a-8eabf3478814"));
    }
}
