using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>A service that starts before its database is reachable answers 503, never 500, until its schema is in place.</summary>
public sealed class SchemaGateSpecs
{
    [Fact]
    public async Task Requests_get_503_with_retry_after_until_the_schema_is_applied()
    {
        await using var database = await TestDatabase.CreateAsync("schemagate");
        await database.StopAsync();
        await using var app = await TestApp.StartAsync(
            map => map.MapGet("/api/things", () => TypedResults.Ok("things")),
            builder =>
            {
                builder.Configuration["ConnectionStrings:Postgres"] = database.ConnectionString;
                builder.AddServiceDatabase();
                builder.AddSchemaMigration("gate-0001-things", "create table things (id int)");
            });
        var client = app.GetTestClient();

        using (var starting = await client.GetAsync(new Uri("/api/things", UriKind.Relative)))
        {
            starting.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            starting.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            starting.Headers.RetryAfter.ShouldNotBeNull();
        }
        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await database.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            using var response = await client.GetAsync(new Uri("/api/things", UriKind.Relative));
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);
        status.ShouldBe(HttpStatusCode.OK);
    }
}
