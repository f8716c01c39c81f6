using System.Text.Json;
using Intake.Contracts;
using Microsoft.AspNetCore.Hosting;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests.Safety;

/// <summary>The service with a short request timeout and a small answer limit, so what they do shows quickly.</summary>
public sealed class ImpatientNotificationsFactory : NotificationsFactory
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Webhooks:RequestTimeout", RequestTimeout.ToString());
        builder.UseSetting("Notifications:Webhooks:MaxResponseBytes", "4096");
    }
}

/// <summary>
/// What a partner's receiver cannot make the service do, against real receivers on loopback: wait
/// past the timeout, read an answer without end, or follow a redirect somewhere else.
/// </summary>
public sealed class SendTimeSafetySpecs(ImpatientNotificationsFactory service) : IClassFixture<ImpatientNotificationsFactory>, IAsyncLifetime
{
    private MisbehavingReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await MisbehavingReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_on_at_the_request_timeout_and_tried_again()
    {
        var attempts = await AttemptsAtAsync("/silent", count: 2);

        attempts.ShouldAllBe(attempt => attempt.GetProperty("outcome").GetString() == "timeout"
            && attempt.GetProperty("statusCode").ValueKind == JsonValueKind.Null);
        // Waited on for the configured timeout (the timer starts a hair before the attempt's stopwatch), then abandoned.
        attempts.ShouldAllBe(attempt => attempt.GetProperty("latencyMs").GetDouble() >= ImpatientNotificationsFactory.RequestTimeout.TotalMilliseconds * 0.9);
        receiver.Requests["/silent"].ShouldBeGreaterThanOrEqualTo(2);
        await WaitForAsync(() => receiver.Abandoned.GetValueOrDefault("/silent") >= 1, "the receiver to see the service hang up");
    }

    [Fact]
    public async Task An_answer_without_end_is_cut_off_at_the_size_limit_rather_than_read_to_the_end()
    {
        var attempts = await AttemptsAtAsync("/endless", count: 1);

        // Delivered, and ended: a service that read (or buffered) the whole answer would still be reading, and time out.
        var attempt = attempts.ShouldHaveSingleItem();
        attempt.GetProperty("outcome").GetString().ShouldBe("delivered");
        attempt.GetProperty("statusCode").GetInt32().ShouldBe(200);
        await WaitForAsync(() => receiver.Abandoned.GetValueOrDefault("/endless") >= 1, "the receiver to see the service stop reading");
        receiver.Requests["/endless"].ShouldBe(1);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        var attempts = await AttemptsAtAsync("/moved", count: 2);

        attempts.ShouldAllBe(attempt => attempt.GetProperty("outcome").GetString() == "rejected" && attempt.GetProperty("statusCode").GetInt32() == 307);
        receiver.Requests.ShouldNotContainKey("/target");
    }

    // An endpoint of a new organization at the path, one notification for it, and its first attempts once there are that many.
    private async Task<List<JsonElement>> AttemptsAtAsync(string path, int count)
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var (endpoint, _) = await service.RegisterAsync(organization, receiver.UrlFor(path), "intake.report-withdrawn.v1");
        await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, DateTimeOffset.UtcNow));
        var log = await service.WaitForDeliveryLogAsync(organization, endpoint, deliveries => deliveries[0].GetProperty("attemptLog").GetArrayLength() >= count);
        var attempts = log.ShouldHaveSingleItem().GetProperty("attemptLog").EnumerateArray().ToList();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(count);
        return [.. attempts.Take(count)];
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waited for {what}");
            await Task.Delay(50);
        }
    }
}
