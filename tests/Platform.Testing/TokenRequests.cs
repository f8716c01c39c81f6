using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>Getting access tokens from identity's token endpoint the way a partner does.</summary>
public static class TokenRequests
{
    public static HttpRequestMessage Request(string clientId, string secret, string? scope = null, string? onBehalfOf = null, string grantType = "client_credentials")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        if (onBehalfOf is not null)
        {
            form["on_behalf_of"] = onBehalfOf;
        }
        return new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"))) },
            Content = new FormUrlEncodedContent(form),
        };
    }

    /// <summary>
    /// A token for the client, retried while identity is still seeding it (a bounded wait for a state,
    /// not a timing assertion).
    /// </summary>
    public static async Task<string> GetAsync(HttpClient identity, string clientId, string secret, string? scope = null, string? onBehalfOf = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await identity.SendAsync(Request(clientId, secret, scope, onBehalfOf));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No token for {clientId}: {(int)response.StatusCode} {body}");
            }
            await Task.Delay(200);
        }
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
