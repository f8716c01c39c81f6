using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Platform.EventStore.Appending;
using Platform.EventStore.Subscriptions;

namespace Platform.EventStore.Tests;

/// <summary>A subscription that gave up says so where operators look: /health/ready (the log line names it and its failure).</summary>
public sealed class ParkedHealthSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_parked_subscription_makes_the_service_unready_until_resumed_or_rebuilt()
    {
        await using var app = fixture.NewServiceHost(store => store.AddSubscription<AlwaysFailing>(new SubscriptionOptions("always-failing")
        {
            ParkAfterAttempts = 2,
            FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        }));
        await app.StartAsync();
        var client = app.GetTestClient();

        await fixture.AppendAsync(StoreFixture.NewStreamId(), ExpectedVersion.NoStream, new ThingHappened(Guid.NewGuid(), 1));
        // Until the schema is in place the service is unready for that reason: wait for this one.
        var (status, subscriptions) = (HttpStatusCode.OK, "");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (subscriptions != "Unhealthy" && DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            (status, subscriptions) = (response.StatusCode, report.GetProperty("checks").GetProperty("subscriptions").GetString() ?? "");
            await Task.Delay(50);
        }

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        subscriptions.ShouldBe("Unhealthy");
        (await fixture.ScalarAsync("select count(*) from subscriptions where name = 'always-failing' and status = 'parked'")).ShouldBe(1);
    }

    private sealed class AlwaysFailing : ISubscriptionHandler
    {
        public Task HandleAsync(IReadOnlyList<RecordedEvent> events, NpgsqlConnection connection, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("this handler never works");
    }
}
