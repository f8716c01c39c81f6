using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

public sealed class GatewayRoutingSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Theory]
    [InlineData("/api/identity", "identity")]
    [InlineData("/api/intake", "intake")]
    [InlineData("/api/cases", "cases")]
    [InlineData("/api/referrals", "referrals")]
    [InlineData("/api/notifications", "notifications")]
    public async Task Each_prefix_reaches_the_service_that_owns_it(string path, string owner)
    {
        var root = await platform.Gateway.Client.GetFromJsonAsync<JsonElement>(path);

        root.GetProperty("service").GetString().ShouldBe(owner);
    }

    [Fact]
    public async Task The_path_is_forwarded_unchanged_and_unknown_paths_below_a_prefix_are_the_services_404()
    {
        using var response = await platform.Gateway.Client.GetAsync(new Uri("/api/cases/no-such-thing", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The service, not the gateway, answered: it saw the full path, prefix included.
        problem.GetProperty("instance").GetString().ShouldBe("/api/cases/no-such-thing");
    }

    [Fact]
    public async Task A_path_no_service_owns_is_a_404_problem_from_the_gateway()
    {
        using var response = await platform.Gateway.Client.GetAsync(new Uri("/api/unknown", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_502_problem_with_a_correlation_id()
    {
        await using var gateway = RunningPlatform.StartGateway(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__cases__Destinations__primary__Address"] = $"http://127.0.0.1:{ServiceProcess.FreeTcpPort()}/",
        });
        await RunningPlatform.EnsureReadyAsync(gateway);

        using var response = await gateway.Client.GetAsync(new Uri("/api/cases", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(502);
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
