using Cases.Handling;
using Cases.Handling.AssigningWorker;
using static Cases.Tests.Handling.Examples;

namespace Cases.Tests.Handling;

public sealed class AssigningWorkerSpecs
{
    [Fact]
    public void A_worker_is_assigned() =>
        Spec.Given(Handled()).When(new AssignWorker(CaseId, Worker, By, Now), AssignWorker.Decide)
            .Then(new CaseWorkerAssigned(CaseId, School, Worker, null, By, Now));

    [Fact]
    public void Reassigning_records_who_had_the_case_before() =>
        Spec.Given([.. Handled(), new CaseWorkerAssigned(CaseId, School, Worker, null, By, Now)])
            .When(new AssignWorker(CaseId, OtherWorker, By, Now.AddDays(1)), AssignWorker.Decide)
            .Then(new CaseWorkerAssigned(CaseId, School, OtherWorker, Worker, By, Now.AddDays(1)));

    [Fact]
    public void Cannot_assign_the_worker_who_already_has_the_case() =>
        Spec.Given([.. Handled(), new CaseWorkerAssigned(CaseId, School, Worker, null, By, Now)])
            .When(new AssignWorker(CaseId, Worker, By, Now), AssignWorker.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void Cannot_assign_worker_to_closed_case() =>
        Spec.Given([.. Handled(), Closed()]).When(new AssignWorker(CaseId, Worker, By, Now), AssignWorker.Decide).ThenFails(RuleViolationKind.Conflict);

    [Fact]
    public void A_worker_must_be_named() =>
        Spec.Given(Handled()).When(new AssignWorker(CaseId, Guid.Empty, By, Now), AssignWorker.Decide).ThenFails(RuleViolationKind.Unprocessable);
}
