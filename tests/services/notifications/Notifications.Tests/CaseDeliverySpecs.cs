using Cases.Contracts;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>Cases' events, published through the real RabbitMQ, reach the handling organization's endpoint and no other.</summary>
public sealed class CaseDeliverySpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>, IAsyncLifetime
{
    private static readonly string[] CaseTypes =
        ["cases.case-opened.v1", "cases.case-acknowledged.v1", "cases.case-worker-assigned.v1", "cases.case-escalated.v1", "cases.case-closed.v1", "cases.case-reopened.v1"];

    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_case_lifecycle_reaches_the_handling_organizations_endpoint_signed_and_no_other_organizations()
    {
        await service.ReadyAsync();
        var (handling, other) = (Guid.NewGuid(), Guid.NewGuid());
        await RegisterAsync(handling, "/handling");
        await RegisterAsync(other, "/other");
        var (caseId, at) = (Guid.NewGuid(), DateTimeOffset.UtcNow);

        string[] published =
        [
            await service.Publisher.PublishAsync(new CaseOpened(caseId, handling, Guid.NewGuid(), at)),
            await service.Publisher.PublishAsync(new CaseAcknowledged(caseId, handling, Late: false, at)),
            await service.Publisher.PublishAsync(new CaseWorkerAssigned(caseId, handling, Guid.NewGuid(), at)),
            await service.Publisher.PublishAsync(new CaseEscalated(caseId, handling, EscalationBasis.Consent, at)),
            await service.Publisher.PublishAsync(new CaseClosed(caseId, handling, CaseOutcome.ActionTaken, at)),
            await service.Publisher.PublishAsync(new CaseReopened(caseId, handling, at)),
        ];
        // The other organization's own case: its endpoint works, and gets only this.
        var others = await service.Publisher.PublishAsync(new CaseOpened(Guid.NewGuid(), other, null, at));

        await receiver.WaitUntilAsync(r => r.DeliveredTo("/handling").IsSupersetOf(published) && r.DeliveredTo("/other").Contains(others), "every case event");
        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        receiver.Received.Where(webhook => webhook.Path == "/handling").Select(webhook => webhook.Id).Distinct().ShouldBe(published, ignoreOrder: true);
        receiver.Received.Where(webhook => webhook.Path == "/other").Select(webhook => webhook.Id).Distinct().ShouldBe([others]);
        receiver.Received.Where(webhook => webhook.Path == "/handling").ShouldAllBe(webhook => webhook.Body.Contains($"\"subject\":\"/api/cases/{caseId}\""));
    }

    private async Task RegisterAsync(Guid organization, string path)
    {
        var (_, secret) = await service.RegisterAsync(organization, receiver.UrlFor(path), CaseTypes);
        receiver.Expect(path, secret);
    }
}
