using System.Net;
using Shouldly;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// What every service must show from day one: it starts against its own database and the broker,
/// says so on <c>/health/ready</c>, stops saying so when its database goes away, and recovers.
/// Each service's test project derives one class from this.
/// </summary>
public abstract class ServiceReadinessSpecs<TProgram>(ServiceFactory<TProgram> service, string prefix)
    : IClassFixture<ServiceFactory<TProgram>>
    where TProgram : class
{
    [Fact]
    public async Task Reports_ready_when_its_database_and_the_broker_answer()
    {
        var report = await service.CreateClient().WaitForReadinessAsync();

        report.StatusCode.ShouldBe(HttpStatusCode.OK, $"last report: {report}");
        report.Checks["postgres"].ShouldBe("Healthy");
        report.Checks["masstransit-bus"].ShouldBe("Healthy");
    }

    [Fact]
    public async Task Refuses_its_url_prefix_without_a_token_with_a_bearer_challenge()
    {
        var client = service.CreateClient();
        await client.WaitForReadinessAsync(); // until its schema is applied a service answers 503

        using var response = await client.GetAsync(new Uri(prefix, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(challenge => challenge.Scheme == "Bearer");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Is_not_ready_while_its_database_is_down_and_ready_again_after()
    {
        var client = service.CreateClient();
        (await client.WaitForReadinessAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        await service.Database.StopAsync();
        try
        {
            var down = await client.WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
            down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"last report: {down}");
            down.Checks["postgres"].ShouldBe("Unhealthy");
        }
        finally
        {
            await service.Database.StartAsync();
        }

        var up = await client.WaitForReadinessAsync();
        up.StatusCode.ShouldBe(HttpStatusCode.OK, $"last report: {up}");
    }
}
