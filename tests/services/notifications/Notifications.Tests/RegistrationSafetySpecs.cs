using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests;

/// <summary>With production settings a webhook cannot be pointed at the platform's own network.</summary>
public sealed class RegistrationSafetySpecs : IClassFixture<StrictNotificationsFactory>
{
    private readonly StrictNotificationsFactory service;

    public RegistrationSafetySpecs(StrictNotificationsFactory service)
    {
        this.service = service;
        service.Names["intranet.partner.test"] = [IPAddress.Parse("10.20.30.40")];
        service.Names["rebinding.partner.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254")];
        service.Names["hooks.partner.test"] = [IPAddress.Parse("93.184.216.34")];
    }

    [Theory]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://hooks.partner.test/plain-http")]
    [InlineData("ftp://hooks.partner.test/")]
    [InlineData("https://user:password@hooks.partner.test/")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_https_is_a_400_problem_naming_the_url(string url) =>
        await RefusedAsync(url, HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00:ec2::254]/")]
    [InlineData("https://10.0.0.8/hooks")]
    [InlineData("https://192.168.1.20/hooks")]
    [InlineData("https://[fd12:3456::1]/hooks")]
    [InlineData("https://100.64.0.1/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://intranet.partner.test/hooks")]
    [InlineData("https://rebinding.partner.test/hooks")]
    public async Task An_https_url_reaching_loopback_private_link_local_or_metadata_addresses_is_a_422_problem(string url) =>
        await RefusedAsync(url, HttpStatusCode.UnprocessableEntity);

    [Fact]
    public async Task An_https_url_whose_name_resolves_only_to_public_addresses_is_registered()
    {
        await service.ReadyAsync();

        using var response = await service.ClientFor(Guid.NewGuid()).PostAsJsonAsync("/api/notifications/endpoints",
            new { url = "https://hooks.partner.test/platform", eventTypes = new[] { "intake.report-submitted.v1" } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task RefusedAsync(string url, HttpStatusCode expected)
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();

        using var response = await service.ClientFor(organization).PostAsJsonAsync("/api/notifications/endpoints",
            new { url, eventTypes = new[] { "intake.report-submitted.v1" } });

        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _).ShouldBeTrue();
        (await service.ClientFor(organization).GetFromJsonAsync<JsonElement>("/api/notifications/endpoints")).GetArrayLength().ShouldBe(0);
    }
}
