using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Platform.ServiceDefaults.Tests;

public sealed class ProblemDetailsSpecs : IAsyncLifetime
{
    private const string SecretInException = "Host=db.internal;Password=hunter2";
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(map =>
        {
            map.MapGet("/boom", string () => throw new InvalidOperationException(SecretInException));
            map.MapPost("/echo", (Payload payload) => TypedResults.Ok(payload));
        });
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_with_a_correlation_id_and_nothing_of_the_exception()
    {
        using var response = await client.GetAsync(new Uri("/boom", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(500);
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        body.ShouldNotContain(SecretInException);
        body.ShouldNotContain(nameof(InvalidOperationException));
        body.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("instance").GetString().ShouldBe("/echo");
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await client.GetAsync(new Uri("/nowhere", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    private sealed record Payload(string Name);
}
