using Cases.Handling;
using Cases.Handling.Erasing;
using Platform.EventStore;
using Platform.EventStore.Privacy;
using Platform.Messaging.Forwarding;
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

    [Fact]
    public void An_erasure_is_published_as_the_case_its_organization_and_the_erased_subject_by_id_only() =>
        new IntegrationEventMap().PublishSubjectErasures()
            .Map(new RecordedEvent(1, 1, CaseStreams.Id(CaseId), 4, Guid.NewGuid(), "platform.subject-erased.v1", Erased(AffectedPerson),
                new EventMetadata("c", null, null, new Actor(By, School.ToString(), null), Now.AddDays(2)), Now.AddDays(2)))
            .ShouldBe(new Contracts.CaseSubjectErased(CaseId, School, AffectedPerson, Now.AddDays(2)));
}
