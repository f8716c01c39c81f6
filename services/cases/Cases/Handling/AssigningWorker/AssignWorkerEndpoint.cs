namespace Cases.Handling.AssigningWorker;

public sealed record AssignWorkerRequest(Guid? WorkerId);

public static class AssignWorkerEndpoint
{
    public static Task<IResult> HandleAsync(Guid caseId, AssignWorkerRequest request, HttpContext http) =>
        CaseChanges.DecideAsync(http, caseId, (by, at, state) =>
            AssignWorker.Decide(new(caseId, CaseChanges.Required(request.WorkerId, "workerId"), by, at), state));
}
