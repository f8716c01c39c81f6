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
        using var response = await platform.Gateway.Client.GetWithTokenAsync(path, await platform.TokenAsync("riverside-school"));

        (await response.JsonAsync()).GetProperty("service").GetString().ShouldBe(owner);
    }

    [Fact]
    public async Task The_path_is_forwarded_unchanged_and_unknown_paths_below_a_prefix_are_the_services_404()
    {
        using var response = await platform.Gateway.Client.GetWithTokenAsync("/api/cases/no-such-thing", await platform.TokenAsync("riverside-school"));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The service, not the gateway, answered: it saw the full path, prefix included.
        problem.GetProperty("instance").GetString().ShouldBe("/api/cases/no-such-thing");
    }

    [Fact]
    public async Task The_callers_traceparent_and_correlation_id_reach_the_service()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases/no-such-thing")
        {
            Headers =
            {
                { "traceparent", $"00-{traceId}-00f067aa0ba902b7-01" },
                { "X-Correlation-Id", "partner-req-42" },
                { "Authorization", "Bearer " + await platform.TokenAsync("riverside-school") },
            },
        };

        using var response = await platform.Gateway.Client.SendAsync(request);

        var problem = await response.JsonAsync();
        problem.GetProperty("instance").GetString().ShouldBe("/api/cases/no-such-thing");
        problem.GetProperty("traceId").GetString().ShouldBe(traceId);
        problem.GetProperty("correlationId").GetString().ShouldBe("partner-req-42");
    }

    [Fact]
    public async Task Discovery_read_through_the_gateway_names_the_gateways_own_addresses()
    {
        var discovery = await platform.Gateway.Client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        var gateway = platform.Gateway.Address.GetLeftPart(UriPartial.Authority);
        discovery.GetProperty("token_endpoint").GetString().ShouldBe(gateway + "/connect/token");
        discovery.GetProperty("jwks_uri").GetString().ShouldBe(gateway + "/.well-known/jwks.json");
    }

    [Fact]
    public async Task A_path_no_service_owns_is_a_404_problem_from_the_gateway()
    {
        using var response = await platform.Gateway.Client.GetAsync(new Uri("/api/unknown", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem_and_is_not_forwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Headers = { { "Authorization", "Bearer " + await platform.TokenAsync("riverside-school") } },
            Content = new ByteArrayContent(new byte[2 * 1024 * 1024]),
        };

        using var response = await platform.Gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        // The unread body ends the connection, and the client is told so: its next request goes on a new one.
        response.Headers.ConnectionClose.ShouldBe(true);
        for (var i = 0; i < 5; i++)
        {
            using var next = await platform.Gateway.Client.GetAsync("/health/live");
            next.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_502_problem_with_a_correlation_id()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__cases__Destinations__primary__Address"] = $"http://127.0.0.1:{ServiceProcess.FreeTcpPort()}/",
        });
        await RunningPlatform.EnsureReadyAsync(gateway);

        using var response = await gateway.Client.GetWithTokenAsync("/api/cases", await platform.TokenAsync("riverside-school"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(502);
        problem.GetProperty("correlationId").GetString().ShouldBe(response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task Swagger_ui_and_one_merged_openapi_document_of_every_service_are_served_at_docs()
    {
        using var ui = await platform.Gateway.Client.GetAsync(new Uri("/docs/index.html", UriKind.Relative));
        var document = await platform.Gateway.Client.GetFromJsonAsync<JsonElement>("/docs/openapi.json");

        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ui.Content.ReadAsStringAsync()).ShouldContain("swagger-ui");
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.ShouldContain("/connect/token");
        paths.ShouldContain("/api/identity/organizations/{organizationId}");
        foreach (var (_, _, prefix) in RunningPlatform.Services)
        {
            paths.ShouldContain(prefix);
        }
    }
}
