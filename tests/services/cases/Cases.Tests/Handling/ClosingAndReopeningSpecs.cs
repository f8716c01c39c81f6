using Cases.Handling;
using Cases.Handling.Closing;
using Cases.Handling.Reopening;
using static Cases.Tests.Handling.Examples;
using CaseOutcome = Cases.Contracts.CaseOutcome;

namespace Cases.Tests.Handling;

public sealed class ClosingAndReopeningSpecs
{
    private static CloseCase Close() => new(CaseId, CaseOutcome.ActionTaken, By, Now.AddDays(6));

    private static ReopenCase Reopen() => new(CaseId, ReopeningReason.Retaliation, By, Now.AddDays(7));

    [Fact]
    public void A_handled_case_closes_with_an_outcome() =>
        Spec.Given([.. Handled(), InvestigationOpened(), InvestigationConcluded()]).When(Close(), CloseCase.Decide).Then(Closed());

    [Fact]
    public void Cannot_close_an_unacknowledged_case() =>
        Spec.Given(Opened(), Triaged()).When(Close(), CloseCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_close_over_an_open_investigation() =>
        Spec.Given([.. Handled(), InvestigationOpened()]).When(Close(), CloseCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_close_twice() =>
        Spec.Given([.. Handled(), Closed()]).When(Close(), CloseCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void A_closed_case_reopens() =>
        Spec.Given([.. Handled(), Closed()]).When(Reopen(), ReopenCase.Decide)
            .Then(new CaseReopened(CaseId, School, ReopeningReason.Retaliation, By, Now.AddDays(7)));

    [Fact]
    public void Cannot_reopen_an_open_case() =>
        Spec.Given(Handled()).When(Reopen(), ReopenCase.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void A_reopened_case_can_be_closed_again() =>
        Spec.Given([.. Handled(), Closed(), new CaseReopened(CaseId, School, ReopeningReason.Retaliation, By, Now.AddDays(7))])
            .When(Close(), CloseCase.Decide).Then(Closed());
}
