using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests;

public sealed partial class CorrelationIdSpecs : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(
            map =>
            {
                map.MapGet("/work", (ILogger<CorrelationIdSpecs> logger) =>
                {
                    LogWork(logger);
                    return TypedResults.NoContent();
                });
                map.MapGet("/boom", string () => throw new InvalidOperationException("failed"));
            },
            builder => builder.Logging.AddProvider(logs.Provider()));
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_callers_correlation_id_is_echoed_back()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/work") { Headers = { { "X-Correlation-Id", "partner-req-42" } } };
        using var response = await client.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("partner-req-42");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces and <script>")]
    [InlineData("line\u2028break")]
    public async Task A_malformed_correlation_id_is_replaced_by_a_generated_one(string malformed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/work");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", malformed);
        using var response = await client.SendAsync(request);

        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        id.ShouldNotBe(malformed);
        id.ShouldMatch("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Every_log_line_of_a_request_carries_its_correlation_id()
    {
        using var work = new HttpRequestMessage(HttpMethod.Get, "/work") { Headers = { { "X-Correlation-Id", "corr-work" } } };
        using var boom = new HttpRequestMessage(HttpMethod.Get, "/boom") { Headers = { { "X-Correlation-Id", "corr-boom" } } };
        (await client.SendAsync(work)).Dispose();
        (await client.SendAsync(boom)).Dispose();

        var workLine = logs.Entries.Single(entry => entry.Message == "doing the work");
        workLine.Scope["CorrelationId"].ShouldBe("corr-work");
        var errorLine = logs.Entries.Single(entry => entry.Category.EndsWith("ProblemExceptionHandler", StringComparison.Ordinal));
        errorLine.Scope["CorrelationId"].ShouldBe("corr-boom");
        errorLine.Scope.Keys.ShouldContain("TraceId");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "doing the work")]
    private static partial void LogWork(ILogger logger);
}
