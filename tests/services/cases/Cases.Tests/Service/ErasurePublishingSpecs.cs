using System.Collections.Concurrent;
using Cases.Handling;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Testing;

namespace Cases.Tests.Service;

/// <summary>
/// Erasure does not stop at cases: the erasure of a case's subject is published on the real broker
/// as <see cref="Contracts.CaseSubjectErased"/> (ids only), with the stored erasure's event id as
/// message id, so services holding copies of the case's data (referrals) can erase theirs.
/// </summary>
public sealed class ErasurePublishingSpecs(CasesFactory service) : IClassFixture<CasesFactory>
{
    private static readonly Guid School = Guid.CreateVersion7();

    [Fact]
    public async Task Erasing_a_subject_publishes_the_case_its_organization_and_the_subject_id_with_the_erasures_event_id()
    {
        var school = await service.ClientAsync(service.Token(School, "riverside-school", "caseworker"));
        var published = new ConcurrentQueue<(Guid? MessageId, Contracts.CaseSubjectErased Message)>();
        var handle = service.Bus.ConnectReceiveEndpoint("cases-specs-erasures", endpoint =>
            endpoint.Handler<Contracts.CaseSubjectErased>(context =>
            {
                published.Enqueue((context.MessageId, context.Message));
                return Task.CompletedTask;
            }));
        await handle.Ready;
        var caseId = (await (await school.PostAsync("/api/cases", new { kind = "stalking", setting = "school" })).OkJsonAsync()).GetProperty("caseId").GetGuid();
        await (await school.PostAsync($"/api/cases/{caseId}/notes", new { about = "respondent", text = "Denies everything." })).OkJsonAsync();

        await (await school.PostAsync($"/api/cases/{caseId}/erasures", new { subject = "respondent", ground = "data-subject-request" })).OkJsonAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!published.Any(entry => entry.Message.CaseId == caseId))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the forwarder did not publish the erasure");
            await Task.Delay(100);
        }
        var stream = await service.Services.GetRequiredService<EventStore>().ReadStreamAsync(CaseStreams.Id(caseId));
        var respondent = stream.Select(recorded => recorded.Data).OfType<CaseOpened>().Single().RespondentId;
        var erasure = stream.Single(recorded => recorded.EventType == "platform.subject-erased.v1");
        var (messageId, message) = published.Single(entry => entry.Message.CaseId == caseId);
        message.ShouldBe(new Contracts.CaseSubjectErased(caseId, School, respondent, erasure.Metadata.OccurredAt));
        messageId.ShouldBe(erasure.EventId);
        await handle.StopAsync();
    }
}
