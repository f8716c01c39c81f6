using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests.Notifications;

/// <summary>
/// Cases' events as webhooks, every service its own process behind the gateway: a case's events reach
/// its handling organization's endpoint, signed, and never another organization's.
/// </summary>
public sealed class CaseWebhookSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>, IAsyncLifetime
{
    private static readonly string[] CaseTypes =
        ["cases.case-opened.v1", "cases.case-acknowledged.v1", "cases.case-worker-assigned.v1", "cases.case-escalated.v1", "cases.case-closed.v1", "cases.case-reopened.v1"];

    private PartnerReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await PartnerReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_case_opened_by_an_organization_is_a_signed_webhook_at_its_endpoint_and_at_no_other_organizations()
    {
        var school = await platform.TokenAsync("riverside-school");
        var employer = await platform.TokenAsync("northwind-logistics");
        await RegisterAsync(school, "/school");
        await RegisterAsync(employer, "/employer");

        var schoolCase = (await PostAsync(school, "/api/cases", new { kind = "bullying", setting = "school" })).GetProperty("caseId").GetString()!;
        // The employer's own case: its endpoint works, and this is all it gets.
        var employerCase = (await PostAsync(employer, "/api/cases", new { kind = "sexual-harassment", setting = "workplace" })).GetProperty("caseId").GetString()!;

        await receiver.WaitUntilAsync(r => r.Any(w => w.Path == "/school" && w.Body.Contains(schoolCase)) && r.Any(w => w.Path == "/employer" && w.Body.Contains(employerCase)),
            "each organization's case-opened webhook");
        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        var opened = JsonDocument.Parse(receiver.Received.First(w => w.Path == "/school").Body).RootElement;
        opened.GetProperty("type").GetString().ShouldBe("cases.case-opened.v1");
        opened.GetProperty("subject").GetString().ShouldBe($"/api/cases/{schoolCase}");
        opened.GetProperty("id").GetString().ShouldBe(receiver.Received.First(w => w.Path == "/school").Id);
        receiver.Received.Where(w => w.Path == "/employer").ShouldAllBe(w => !w.Body.Contains(schoolCase));
        receiver.Received.Where(w => w.Path == "/school").ShouldAllBe(w => !w.Body.Contains(employerCase));
    }

    private async Task RegisterAsync(string token, string path)
    {
        var endpoint = await PostAsync(token, "/api/notifications/endpoints", new { url = receiver.UrlFor(path), eventTypes = CaseTypes });
        receiver.Expect(path, endpoint.GetProperty("secret").GetProperty("secret").GetString()!);
    }

    private async Task<JsonElement> PostAsync(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Gateway.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
