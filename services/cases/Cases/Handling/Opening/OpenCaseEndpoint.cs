using Intake.Contracts;
using Platform.EventStore.Appending;

namespace Cases.Handling.Opening;

/// <summary>A case a handler opens directly (a walk-in, a call): in the caller's own organization.</summary>
public sealed record OpenCaseRequest(ReportKind? Kind, ReportSetting? Setting, ReportPriority? Priority);

public static class OpenCaseEndpoint
{
    public static async Task<IResult> HandleAsync(OpenCaseRequest request, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (store, at, caller) = CaseChanges.Context(http);
        var organizationId = Guid.Parse(caller.OrganizationId);
        var caseId = Guid.CreateVersion7();
        var events = OpenCase.Decide(new OpenCase(caseId, organizationId, ReportId: null,
            CaseChanges.Required(request.Kind, "kind"), CaseChanges.Required(request.Setting, "setting"), Mode: null,
            request.Priority ?? ReportPriority.Normal, Guid.CreateVersion7(), Guid.CreateVersion7(), caller.ClientId, at), CaseState.Initial);

        var result = await store.AppendAsync(CaseStreams.Id(caseId), ExpectedVersion.NoStream, [.. events.Select(EventToAppend.New)],
            CaseChanges.Metadata(http, caller, at), http.RequestAborted);
        http.Response.Headers.ETag = StreamETag.Of(result.StreamVersion);
        return TypedResults.Created($"/api/cases/{caseId}", new CaseChanged(caseId, result.StreamVersion));
    }
}
