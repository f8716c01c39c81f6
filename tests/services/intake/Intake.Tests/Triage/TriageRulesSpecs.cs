using Intake.Contracts;
using Intake.Reports;
using Intake.Reports.Submitting;
using Intake.Triage;
using static Intake.Tests.Reports.Examples;

namespace Intake.Tests.Triage;

public sealed class TriageRulesSpecs
{
    private static readonly ReportSubmission Plain = Submission();

    private static TriageDecision Assess(ReportSubmission report, bool otherReports = false) =>
        TriageRules.Assess(report, new TriageFacts(otherReports), AcknowledgementPolicy.Default, Now);

    private static void ShouldBe(TriageDecision decision, ReportPriority priority, TriageRule[] rules, DateTimeOffset acknowledgeBy)
    {
        decision.Priority.ShouldBe(priority);
        decision.RulesFired.ShouldBe(rules);
        decision.AcknowledgeBy.ShouldBe(acknowledgeBy);
    }

    private static ReportSubmission WithPerson(int index, Func<PersonInvolved, PersonInvolved> change) =>
        Plain with { People = [.. Plain.People.Select((person, i) => i == index ? change(person) : person)] };

    [Fact]
    public void Normal_when_no_rule_fires_and_due_within_seven_days() =>
        ShouldBe(Assess(Plain), ReportPriority.Normal, [], Now.AddDays(7));

    [Fact]
    public void Urgent_when_someone_is_in_immediate_danger() =>
        ShouldBe(Assess(Plain with { ImmediateDanger = true }), ReportPriority.Urgent, [TriageRule.ImmediateDanger], Now.AddHours(24));

    [Fact]
    public void Urgent_when_a_minor_is_involved() =>
        Assess(WithPerson(0, person => person with { IsMinor = true, AgeBand = null })).RulesFired.ShouldBe([TriageRule.MinorInvolved]);

    [Theory]
    [InlineData(AgeBand.Under13)]
    [InlineData(AgeBand.From13To17)]
    public void Urgent_when_anyone_is_in_a_minor_age_band(AgeBand band) =>
        Assess(WithPerson(0, person => person with { IsMinor = null, AgeBand = band })).Priority.ShouldBe(ReportPriority.Urgent);

    [Fact]
    public void A_minor_alleged_perpetrator_makes_a_report_urgent_too() =>
        Assess(WithPerson(1, person => person with { IsMinor = true })).RulesFired.ShouldBe([TriageRule.MinorInvolved]);

    [Fact]
    public void An_adult_age_band_is_not_a_minor() =>
        Assess(WithPerson(0, person => person with { IsMinor = null, AgeBand = AgeBand.From18To24 })).Priority.ShouldBe(ReportPriority.Normal);

    [Fact]
    public void Urgent_when_a_weapon_or_threat_is_mentioned() =>
        ShouldBe(Assess(Plain with { Narrative = "He said he would bring a knife next time." }),
            ReportPriority.Urgent, [TriageRule.WeaponOrThreatMentioned], Now.AddHours(24));

    [Fact]
    public void Urgent_when_the_alleged_perpetrator_has_other_reports_in_the_organization() =>
        Assess(Plain, otherReports: true).RulesFired.ShouldBe([TriageRule.RepeatAllegedPerpetrator]);

    [Fact]
    public void Every_rule_that_fires_is_recorded()
    {
        var report = WithPerson(0, person => person with { IsMinor = true }) with { ImmediateDanger = true, Narrative = "Me amenazó con una pistola." };

        ShouldBe(Assess(report, otherReports: true), ReportPriority.Urgent,
            [TriageRule.ImmediateDanger, TriageRule.MinorInvolved, TriageRule.WeaponOrThreatMentioned, TriageRule.RepeatAllegedPerpetrator],
            Now.AddHours(24));
    }

    [Fact]
    public void Two_rules_give_the_same_deadline_as_one() =>
        Assess(Plain with { ImmediateDanger = true }, otherReports: true).AcknowledgeBy.ShouldBe(Assess(Plain with { ImmediateDanger = true }).AcknowledgeBy);

    [Theory]
    [InlineData(ReportKind.GenderBasedViolence)]
    [InlineData(ReportKind.SexualHarassment)]
    public void The_kind_alone_does_not_make_a_report_urgent(ReportKind kind) =>
        Assess(Plain with { Kind = kind }).Priority.ShouldBe(ReportPriority.Normal);

    [Fact]
    public void Deadlines_follow_the_organizations_policy()
    {
        var policy = new AcknowledgementPolicy(TimeSpan.FromDays(2), TimeSpan.FromHours(6));

        TriageRules.Assess(Plain, TriageFacts.None, policy, Now).AcknowledgeBy.ShouldBe(Now.AddDays(2));
        TriageRules.Assess(Plain with { ImmediateDanger = true }, TriageFacts.None, policy, Now).AcknowledgeBy.ShouldBe(Now.AddHours(6));
    }

    [Fact]
    public void An_urgent_deadline_cannot_be_longer_than_the_normal_one()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new AcknowledgementPolicy(TimeSpan.FromDays(1), TimeSpan.FromDays(2)));
        Should.Throw<ArgumentOutOfRangeException>(() => new AcknowledgementPolicy(TimeSpan.Zero, TimeSpan.Zero));
    }
}
