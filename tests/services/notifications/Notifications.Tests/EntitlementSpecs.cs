using Microsoft.Extensions.DependencyInjection;
using Notifications.Notifying;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>
/// A notification several organizations are entitled to (both sides of a referral, say) goes to each
/// one's endpoints and feed, and to no one else's: the recorder and the worker need nothing per contract.
/// </summary>
public sealed class EntitlementSpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_notification_for_two_organizations_reaches_both_and_no_third()
    {
        await service.ReadyAsync();
        var (referring, receiving, bystander) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var (organization, path) in new[] { (referring, "/referring"), (receiving, "/receiving"), (bystander, "/bystander") })
        {
            var (_, secret) = await service.RegisterAsync(organization, receiver.UrlFor(path), NotificationTypes.CaseOpened);
            receiver.Expect(path, secret);
        }
        var shared = new Notification(Guid.NewGuid(), NotificationTypes.CaseOpened, "/api/cases", $"/api/cases/{Guid.NewGuid()}", DateTimeOffset.UtcNow,
            Urgent: false, [referring, receiving], new { note = "shared" });
        var bystanders = CaseNotifications.Of(new Cases.Contracts.CaseOpened(Guid.NewGuid(), bystander, null, DateTimeOffset.UtcNow), Guid.NewGuid());

        (await service.Services.GetRequiredService<NotificationRecorder>().RecordAsync(
            [new MessageNotifications(shared.Id, [shared]), new MessageNotifications(bystanders.Id, [bystanders])], CancellationToken.None)).ShouldBe(2);

        var id = shared.Id.ToString();
        await receiver.WaitUntilAsync(r => r.DeliveredTo("/referring").Contains(id) && r.DeliveredTo("/receiving").Contains(id)
            && r.DeliveredTo("/bystander").Contains(bystanders.Id.ToString()), "the shared notification at both sides");
        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        receiver.Received.Where(webhook => webhook.Path == "/bystander").ShouldAllBe(webhook => webhook.Id != id);
        receiver.Received.Count(webhook => webhook.Id == id).ShouldBe(2);
    }
}
