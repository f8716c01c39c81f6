using Cases.Handling;
using Cases.Handling.RecordingWithdrawal;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class RecordingWithdrawalSpecs
{
    private static RecordReportWithdrawal Command() => new(CaseId, Now.AddDays(3));

    [Fact]
    public void The_reporters_withdrawal_is_recorded_and_the_case_stays_open()
    {
        Spec.Given(Handled()).When(Command(), RecordReportWithdrawal.Decide).Then(new ReportWithdrawalRecorded(CaseId, School, Now.AddDays(3)));
        CaseState.Fold([.. Handled(), new ReportWithdrawalRecorded(CaseId, School, Now.AddDays(3))]).Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public void A_withdrawal_delivered_again_decides_nothing() =>
        Spec.Given([.. Handled(), new ReportWithdrawalRecorded(CaseId, School, Now.AddDays(3))]).When(Command(), RecordReportWithdrawal.Decide).Then();

    [Fact]
    public void A_closed_case_records_it_too() =>
        Spec.Given([.. Handled(), Closed()]).When(Command(), RecordReportWithdrawal.Decide).Then(new ReportWithdrawalRecorded(CaseId, School, Now.AddDays(3)));

    [Fact]
    public void A_withdrawal_before_its_case_is_open_is_not_found_so_the_consumer_retries() =>
        Spec.Given().When(Command(), RecordReportWithdrawal.Decide).ThenFails(RuleViolationKind.NotFound);
}
