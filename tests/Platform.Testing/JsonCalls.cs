using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Platform.Testing;

/// <summary>Calls with an If-Match and JSON bodies, answered as JSON, as service specs make them.</summary>
public static class JsonCalls
{
    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object? body = null, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The body of a 2xx response; anything else fails the spec, quoting the body.</summary>
    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(200, 299, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await response.OkJsonAsync();
    }
}
