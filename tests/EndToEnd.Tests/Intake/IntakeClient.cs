using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EndToEnd.Tests.Intake;

/// <summary>Calls intake through the gateway as a partner would, or as an anonymous reporter.</summary>
internal sealed class IntakeClient(RunningPlatform platform)
{
    public HttpClient Http => platform.Gateway.Client;

    public async Task<(string Token, string OrganizationId)> PartnerAsync(string clientId)
    {
        var token = await platform.TokenAsync(clientId);
        return (token, new JsonWebToken(token).GetClaim("org_id").Value);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return Http.SendAsync(request);
    }

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Lets the organization take anonymous reports (off by default).</summary>
    public async Task AcceptAnonymousReportsAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/intake/settings", token,
            new { acknowledgeWithinHours = 168, acknowledgeUrgentWithinHours = 24, acceptsAnonymousReports = true });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A complete identified report with a personal value in every personal field, each made unique by <paramref name="tag"/>.</summary>
    public static object Report(string tag, string kind = "sexual-harassment", bool immediateDanger = false) => new
    {
        kind,
        setting = "school",
        mode = "identified",
        when = new { from = "2026-10-01", approximate = true },
        where = $"Gym changing room {tag}",
        narrative = $"Repeated unwanted comments and touching after practice {tag}.",
        people = new object[]
        {
            new { roles = new[] { "reporter", "affected-person" }, name = $"Alex Reporter {tag}", contact = new { email = $"alex.{tag}@example.org", phone = "+44 7700 900123" }, ageBand = "18-24" },
            new { roles = new[] { "alleged-perpetrator" }, name = $"Jordan Coach {tag}", reference = $"STAFF-{tag}" },
        },
        immediateDanger,
        consent = new { toBeContacted = true, toShareWithSupportServices = false },
        preferredLanguage = "en",
        attachments = new[] { new { sha256 = new string('a', 64), mediaType = "image/jpeg", sizeBytes = 12345 } },
    };

    public static object AnonymousReport(string tag, string organizationId) => new
    {
        kind = "bullying",
        setting = "school",
        receivingOrganizationId = organizationId,
        narrative = $"An older pupil takes my lunch money every week {tag}.",
        people = new object[]
        {
            new { roles = new[] { "reporter", "affected-person" } },
            new { roles = new[] { "alleged-perpetrator" }, name = $"Pupil Bully {tag}" },
        },
    };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
