using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;

namespace Intake.Benchmarks;

/// <summary>One call: when it was sent and answered (Stopwatch ticks), and the report it made, if any.</summary>
internal sealed record Call(long SentAt, long AnsweredAt, Guid? ReportId, string? Failure)
{
    public double Ms => Stopwatch.GetElapsedTime(SentAt, AnsweredAt).TotalMilliseconds;
}

/// <summary>
/// Open-loop load through the gateway as the demo school: calls sent on a fixed schedule whether or
/// not earlier ones have answered, as partners' systems do. A closed loop would slow down with the
/// service and hide exactly the queueing a fixed rate shows.
/// </summary>
internal sealed class Submissions(HttpClient gateway, Func<string> token)
{
    private static int sequence;

    /// <summary>Report submissions at <paramref name="rate"/> per second for <paramref name="duration"/>; <paramref name="accepted"/> hears of each accepted one as it is answered.</summary>
    public Task<List<Call>> SubmitAsync(int rate, TimeSpan duration, Action<Call> accepted) =>
        RunAsync(rate, duration, async () =>
        {
            var tag = Interlocked.Increment(ref sequence);
            var call = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
            {
                Content = new StringContent(Report(tag), Encoding.UTF8, MediaTypeNames.Application.Json),
            });
            if (call.ReportId is not null)
            {
                accepted(call);
            }
            return call;
        });

    /// <summary>The baseline: an authenticated read through the same gateway to the same service (token checked, one row read).</summary>
    public Task<List<Call>> ReadSettingsAsync(int rate, TimeSpan duration) =>
        RunAsync(rate, duration, () => SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/intake/settings")));

    private static async Task<List<Call>> RunAsync(int rate, TimeSpan duration, Func<Task<Call>> send)
    {
        var results = new ConcurrentBag<Call>();
        var inFlight = new List<Task>();
        var total = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            inFlight.Add(Record(send(), results));
        }
        await Task.WhenAll(inFlight);
        return [.. results];
    }

    private static async Task Record(Task<Call> call, ConcurrentBag<Call> results) => results.Add(await call);

    private async Task<Call> SendAsync(HttpRequestMessage request)
    {
        using var _ = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token());
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await gateway.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var answered = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                return new(sent, answered, null, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
            }
            // The new report's address ends in its id: no need to parse the receipt.
            var reportId = request.Method == HttpMethod.Post ? Guid.Parse(response.Headers.Location!.OriginalString.AsSpan()[^36..]) : (Guid?)null;
            return new(sent, answered, reportId, null);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return new(sent, Stopwatch.GetTimestamp(), null, failure.GetType().Name + ": " + failure.Message);
        }
    }

    /// <summary>
    /// A report as a school's system sends one: two people, each their own data subject, one
    /// attachment. Written as text, not serialized per call: the load generator shares the machine
    /// it measures, so it should spend as little of it as it can.
    /// </summary>
    private static string Report(int tag) => $$"""
        {"kind":"sexual-harassment","setting":"school","mode":"identified",
        "when":{"from":"2026-10-01","approximate":true},
        "where":"Gym changing room {{tag}}",
        "narrative":"Repeated unwanted comments and touching after practice, report {{tag}}.",
        "people":[
        {"roles":["reporter","affected-person"],"name":"Alex Reporter {{tag}}","contact":{"email":"alex.{{tag}}@example.org"},"ageBand":"18-24"},
        {"roles":["alleged-perpetrator"],"name":"Jordan Coach {{tag}}","reference":"STAFF-{{tag % 500}}"}],
        "immediateDanger":false,
        "consent":{"toBeContacted":true,"toShareWithSupportServices":false},
        "preferredLanguage":"en",
        "attachments":[{"sha256":"{{new string('a', 64)}}","mediaType":"image/jpeg","sizeBytes":12345}]}
        """;
}
