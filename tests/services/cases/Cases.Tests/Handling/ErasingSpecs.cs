using Cases.Handling;
using Cases.Handling.Erasing;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class ErasingSpecs
{
    [Theory]
    [InlineData(CaseSubject.AffectedPerson)]
    [InlineData(CaseSubject.Respondent)]
    public void The_named_subject_of_the_case_is_erased(CaseSubject subject) =>
        EraseSubject.Decide(new EraseSubject(CaseId, subject, ErasureGround.DataSubjectRequest), CaseState.Fold(Handled()))
            .ShouldBe(subject == CaseSubject.Respondent ? Respondent : AffectedPerson);

    [Fact]
    public void Cannot_erase_a_subject_twice() =>
        Should.Throw<CaseRuleViolationException>(() => EraseSubject.Decide(
            new EraseSubject(CaseId, CaseSubject.AffectedPerson, ErasureGround.DataSubjectRequest), CaseState.Fold([.. Handled(), Erased(AffectedPerson)])))
            .Kind.ShouldBe(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_erase_from_a_case_that_does_not_exist() =>
        Should.Throw<CaseRuleViolationException>(() => EraseSubject.Decide(
            new EraseSubject(CaseId, CaseSubject.AffectedPerson, ErasureGround.DataSubjectRequest), CaseState.Initial))
            .Kind.ShouldBe(RuleViolationKind.NotFound);
}
