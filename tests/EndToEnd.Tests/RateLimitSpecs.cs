using System.Net;
using Platform.Testing;

namespace EndToEnd.Tests;

public sealed class RateLimitSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_retry_after_and_is_served_again_once_it_has_waited()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string>
        {
            ["Gateway__RateLimits__PerClient__PermitLimit"] = "3",
            // Long enough that the burst below falls into one window even on a busy machine.
            ["Gateway__RateLimits__PerClient__Window"] = "00:00:10",
        });
        await RunningPlatform.EnsureReadyAsync(gateway);
        var token = await platform.TokenAsync("riverside-school");

        HttpResponseMessage response;
        var served = 0;
        while ((response = await gateway.Client.GetWithTokenAsync("/api/cases", token)).StatusCode == HttpStatusCode.OK && served < 10)
        {
            served++;
            response.Dispose();
        }

        served.ShouldBeLessThanOrEqualTo(3);
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new ShouldAssertException("no Retry-After");
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        response.Dispose();

        // Another client is counted on its own.
        using (var other = await gateway.Client.GetWithTokenAsync("/api/cases", await platform.TokenAsync("northwind-logistics")))
        {
            other.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Task.Delay(retryAfter);
        using var recovered = await gateway.Client.GetWithTokenAsync("/api/cases", token);
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_even_on_public_routes()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string>
        {
            ["Gateway__RateLimits__PerAddress__PermitLimit"] = "2",
            ["Gateway__RateLimits__PerAddress__Window"] = "00:00:30",
        });
        await RunningPlatform.EnsureReadyAsync(gateway);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task The_anonymous_route_has_a_tighter_limit_of_its_own_per_address()
    {
        await using var gateway = platform.StartGateway(new Dictionary<string, string>
        {
            ["Gateway__RateLimits__AnonymousPerAddress__PermitLimit"] = "2",
            ["Gateway__RateLimits__AnonymousPerAddress__Window"] = "00:00:30",
        });
        await RunningPlatform.EnsureReadyAsync(gateway);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Client.PostAsync(new Uri("/api/intake/anonymous-reports/AAAA-BBBB-CCCC-DDDD/sessions", UriKind.Relative),
                new StringContent("{\"passphrase\": \"guess\"}", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }
        using var elsewhere = await gateway.Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
