using Intake.Reports;
using Intake.Reports.Reading;
using Intake.Triage;
using static Intake.Tests.Reports.Examples;
using ReportMode = Intake.Contracts.ReportMode;
using ReportPriority = Intake.Contracts.ReportPriority;
using TriageRule = Intake.Contracts.TriageRule;

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
        (document.Priority, document.AcknowledgeBy).ShouldBe((ReportPriority.Normal, Now.AddDays(7)));
    }

    [Fact]
    public void A_report_stored_before_triage_travelled_with_its_submission_shows_its_triage_event()
    {
        var events = new object[]
        {
            Submitted() with { Triage = null },
            new ReportTriaged(ReportId, School, ReportPriority.Urgent, [TriageRule.ImmediateDanger], Now.AddHours(24), "system:intake-triage", Now),
        };

        var document = ReportReading.Document(events, 2, readerIsHandler: true)!;

        (document.Priority, document.RulesFired.Single(), document.AcknowledgeBy).ShouldBe((ReportPriority.Urgent, TriageRule.ImmediateDanger, Now.AddHours(24)));
    }

    [Fact]
    public void A_later_triage_event_overrides_the_one_a_report_arrived_with() =>
        TriageDecision.Latest([Submitted(), new ReportTriaged(ReportId, School, ReportPriority.Urgent, [], Now.AddHours(4), "system:intake-triage", Now.AddHours(1))])!
            .ShouldSatisfyAllConditions(triage => triage.Priority.ShouldBe(ReportPriority.Urgent), triage => triage.AcknowledgeBy.ShouldBe(Now.AddHours(4)));

    [Fact]
    public void There_is_no_document_without_a_submission() =>
        ReportReading.Document([], 0, readerIsHandler: true).ShouldBeNull();
}
