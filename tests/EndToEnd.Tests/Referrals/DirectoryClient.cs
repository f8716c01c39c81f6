using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests.Referrals;

/// <summary>Calls the referrals service directory through the gateway as a partner's integration would.</summary>
internal static class DirectoryClient
{
    public const string Prefix = "/api/referrals/directory";

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await http.SendAsync(request);
    }

    /// <summary>The answer's JSON and raw text, after checking its status (the text is the failure message otherwise).</summary>
    public static async Task<(JsonElement Json, string Text)> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return (JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    /// <summary>Publishes the organization's profile unless it has one (a second unconditional PUT is 428: it would overwrite blindly).</summary>
    public static async Task EnsureProfileAsync(HttpClient http, string token, string name)
    {
        using var response = await SendAsync(http, HttpMethod.Put, $"{Prefix}/organization", token, Profile(name));
        response.StatusCode.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.PreconditionRequired], await response.Content.ReadAsStringAsync());
    }

    public static object Profile(string name) => new
    {
        name,
        description = $"{name}: support for survivors of harassment and gender-based violence.",
        email = "directory@example.org",
        languages = new[] { "en" },
    };

    public static object Location(string name, string street, bool confidential) => new
    {
        name,
        confidential,
        address = new { line1 = street, city = "Riverside", postalCode = "RS1 1AA", country = "GB" },
    };

    public static object Service(string name, string taxonomyCode, params string[] languages) => Service(name, taxonomyCode, languages, []);

    public static object Service(string name, string taxonomyCode, string[] languages, Guid[] locationIds) => new
    {
        name,
        description = $"{name}, free of charge.",
        taxonomyCodes = new[] { taxonomyCode },
        languages,
        eligibility = "Anyone affected by harassment or gender-based violence.",
        hours = new[] { new { days = new[] { "MO", "WE", "FR" }, opens = "10:00", closes = "16:00" } },
        locationIds,
    };
}
