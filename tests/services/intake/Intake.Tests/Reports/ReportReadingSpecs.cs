using Intake.Reports;
using Intake.Reports.Reading;
using static Intake.Tests.Reports.Examples;
using ReportMode = Intake.Contracts.ReportMode;

namespace Intake.Tests.Reports;

public sealed class ReportReadingSpecs
{
    [Fact]
    public void A_confidential_reporters_identity_is_shown_to_the_receiving_organizations_handlers() =>
        ReportReading.Document([Submitted(mode: ReportMode.Confidential)], 1, readerIsHandler: true)!
            .People.Single(p => p.Roles.Contains(PersonRole.Reporter)).ShouldSatisfyAllConditions(
                reporter => reporter.Name.ShouldNotBeNull(),
                reporter => reporter.IdentityWithheld.ShouldBeFalse());

    [Fact]
    public void A_confidential_reporters_identity_is_withheld_from_any_other_reader_and_nobody_elses_is()
    {
        var document = ReportReading.Document([Submitted(mode: ReportMode.Confidential)], 1, readerIsHandler: false)!;

        var reporter = document.People.Single(p => p.Roles.Contains(PersonRole.Reporter));
        (reporter.Name, reporter.Reference, reporter.Contact, reporter.IdentityWithheld).ShouldBe((null, null, null, true));
        document.People.Where(p => !p.Roles.Contains(PersonRole.Reporter)).ShouldAllBe(p => !p.IdentityWithheld);
        document.Incident.Narrative.ShouldNotBeEmpty();
    }

    [Fact]
    public void An_identified_reporter_is_shown_to_every_reader_the_report_is_shared_with() =>
        ReportReading.Document([Submitted()], 1, readerIsHandler: false)!
            .People.Single(p => p.Roles.Contains(PersonRole.Reporter)).IdentityWithheld.ShouldBeFalse();

    [Fact]
    public void The_document_shows_triage_withdrawal_the_message_count_and_the_version()
    {
        var events = new object[]
        {
            Submitted(),
            new ReportWithdrawn(ReportId, School, WithdrawalReason.Resolved, null, ReporterId, "riverside-school", Now.AddDays(2)),
        };

        var document = ReportReading.Document(events, 7, readerIsHandler: true)!;

        (document.Status, document.Withdrawal!.Reason, document.Version, document.MessageCount).ShouldBe((ReportStatus.Withdrawn, WithdrawalReason.Resolved, 7L, 0));
    }

    [Fact]
    public void There_is_no_document_without_a_submission() =>
        ReportReading.Document([], 0, readerIsHandler: true).ShouldBeNull();
}
