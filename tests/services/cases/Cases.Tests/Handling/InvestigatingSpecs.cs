using Cases.Handling;
using Cases.Handling.Investigating;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class InvestigatingSpecs
{
    private static ConcludeInvestigation Conclusion(string findings = "Confirmed by two witnesses.") =>
        new(CaseId, InvestigationFinding.Substantiated, findings, By, Now.AddDays(5));

    [Fact]
    public void An_investigation_is_opened() =>
        Spec.Given(Handled()).When(new OpenInvestigation(CaseId, By, Now.AddDays(1)), OpenInvestigation.Decide).Then(InvestigationOpened());

    [Fact]
    public void Cannot_open_a_second_investigation_while_one_is_open() =>
        Spec.Given([.. Handled(), InvestigationOpened()]).When(new OpenInvestigation(CaseId, By, Now), OpenInvestigation.Decide)
            .ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void The_findings_are_the_respondents_personal_data() =>
        Spec.Given([.. Handled(), InvestigationOpened()]).When(Conclusion(), ConcludeInvestigation.Decide).Then(InvestigationConcluded());

    [Fact]
    public void Cannot_conclude_without_an_open_investigation() =>
        Spec.Given(Handled()).When(Conclusion(), ConcludeInvestigation.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_conclude_twice() =>
        Spec.Given([.. Handled(), InvestigationOpened(), InvestigationConcluded()]).When(Conclusion(), ConcludeInvestigation.Decide)
            .ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void A_conclusion_needs_its_findings() =>
        Spec.Given([.. Handled(), InvestigationOpened()]).When(Conclusion(findings: ""), ConcludeInvestigation.Decide)
            .ThenFails(RuleViolationKind.Unprocessable);

    [Fact]
    public void A_reopened_case_can_be_investigated_again() =>
        Spec.Given([.. Handled(), InvestigationOpened(), InvestigationConcluded(), Closed(),
                new CaseReopened(CaseId, School, ReopeningReason.NewInformation, By, Now.AddDays(7))])
            .When(new OpenInvestigation(CaseId, By, Now.AddDays(1)), OpenInvestigation.Decide).Then(InvestigationOpened());
}
