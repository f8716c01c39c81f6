using Intake.Reports;
using Intake.Reports.Erasing;
using Platform.EventStore.Privacy;
using static Intake.Tests.Reports.Examples;

namespace Intake.Tests.Reports;

public sealed class ErasingSpecs
{
    private static readonly Guid PerpetratorId = Submitted().People.Single(person => person.Roles.Contains(PersonRole.AllegedPerpetrator)).PersonId;

    private static ErasePerson Erase(Guid personId, ReportActor? by = null) => new(personId, ErasureGround.DataSubjectRequest, by ?? SchoolSystem);

    private static Guid Decide(ErasePerson command, params object[] history) => ErasePerson.Decide(command, Report.Fold(history));

    private static SubjectErased Erased(Guid personId) => new(personId.ToString("D"), "data-subject-request", Now.AddDays(1));

    [Fact]
    public void The_receiving_organization_erases_anyone_the_report_involves_by_their_person_id()
    {
        Decide(Erase(PerpetratorId), Submitted()).ShouldBe(PerpetratorId);
        Decide(Erase(ReporterId), Submitted(), Erased(PerpetratorId)).ShouldBe(ReporterId);
    }

    [Fact]
    public void The_report_shows_whose_data_was_erased_and_no_one_elses()
    {
        var document = Intake.Reports.Reading.ReportReading.Document([Submitted(), Erased(PerpetratorId)], 2, readerIsHandler: true)!;

        document.People.Single(person => person.PersonId == PerpetratorId).Erased.ShouldBeTrue();
        document.People.Where(person => person.PersonId != PerpetratorId).ShouldAllBe(person => !person.Erased);
    }

    [Fact]
    public void A_withdrawn_report_is_erased_like_any_other() =>
        Decide(Erase(ReporterId), Submitted(), new ReportWithdrawn(ReportId, School, WithdrawalReason.Resolved, null, ReporterId, "riverside-school", Now))
            .ShouldBe(ReporterId);

    [Fact]
    public void No_one_is_erased_twice() =>
        Should.Throw<ReportRuleViolationException>(() => Decide(Erase(PerpetratorId), Submitted(), Erased(PerpetratorId))).Kind
            .ShouldBe(RuleViolationKind.Conflict);

    [Fact]
    public void Only_people_of_the_report_are_erased_through_it() =>
        Should.Throw<ReportRuleViolationException>(() => Decide(Erase(Guid.NewGuid()), Submitted())).Kind.ShouldBe(RuleViolationKind.Unprocessable);

    [Fact]
    public void Only_the_receiving_organization_erases_and_only_an_existing_report()
    {
        Should.Throw<ReportRuleViolationException>(() => Decide(Erase(ReporterId, EmployerSystem), Submitted(submittingOrganizationId: Employer)))
            .Kind.ShouldBe(RuleViolationKind.Forbidden);
        Should.Throw<ReportRuleViolationException>(() => Decide(Erase(ReporterId, AnonymousReporter.Instance), SubmittedAnonymously(), AccessGranted()))
            .Kind.ShouldBe(RuleViolationKind.Forbidden);
        Should.Throw<ReportRuleViolationException>(() => Decide(Erase(ReporterId))).Kind.ShouldBe(RuleViolationKind.NotFound);
    }
}
