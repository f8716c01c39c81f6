using System.Net;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>What <c>/health/ready</c> said: the overall status and each check's.</summary>
public sealed record HealthReport(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks);

public static class Health
{
    /// <summary>
    /// Polls <c>/health/ready</c> until it reports <paramref name="expected"/> or the wait runs out, and
    /// returns the last report either way, so the test asserts on what the service actually said.
    /// A bounded wait for a state, not a timing assertion: start-up takes as long as it takes here.
    /// </summary>
    public static async Task<HealthReport> WaitForReadinessAsync(
        this HttpClient client, HttpStatusCode expected = HttpStatusCode.OK, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var report = await ReadinessAsync(client);
            if (report.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                return report;
            }
            await Task.Delay(200);
        }
    }

    public static async Task<HealthReport> ReadinessAsync(this HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var checks = body.RootElement.GetProperty("checks").EnumerateObject()
                .ToDictionary(check => check.Name, check => check.Value.GetString() ?? "");
            return new HealthReport(response.StatusCode, body.RootElement.GetProperty("status").GetString() ?? "", checks);
        }
        catch (HttpRequestException exception)
        {
            return new HealthReport(0, $"no answer: {exception.Message}", new Dictionary<string, string>());
        }
    }
}
