using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore.Appending;
using Platform.ServiceDefaults;

namespace Platform.EventStore.Tests;

/// <summary>A concurrency conflict from the store reaches a partner as 409, or 412 when it sent If-Match.</summary>
public sealed class HttpConflictSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = fixture.NewServiceHost();
        app.MapPost("/things/{stream}", async (string stream, long expected, EventStore store) =>
        {
            var result = await store.AppendAsync(stream, ExpectedVersion.Exactly(expected),
                [EventToAppend.New(new ThingHappened(Guid.NewGuid(), 1))], TestEvents.Metadata());
            return TypedResults.Ok(result.StreamVersion);
        });
        await app.StartAsync();
        // Until its schema is applied the service answers 503.
        await app.Services.GetRequiredService<SchemaState>().Applied;
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_stale_write_is_409_without_if_match_and_412_with_it_and_changes_nothing()
    {
        var stream = StoreFixture.NewStreamId();
        (await client.PostAsync(new Uri($"/things/{stream}?expected=0", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var race = await client.PostAsync(new Uri($"/things/{stream}?expected=0", UriKind.Relative), null);
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/things/{stream}?expected=0") { Headers = { { "If-Match", "\"0\"" } } };
        using var precondition = await client.SendAsync(stale);

        race.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        precondition.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        precondition.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await precondition.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("version 1");
        (await fixture.Store.ReadStreamAsync(stream)).Count.ShouldBe(1);
    }
}
