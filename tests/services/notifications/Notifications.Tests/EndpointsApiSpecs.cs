using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Notifications.Tests.Fixtures;
using Npgsql;

namespace Notifications.Tests;

/// <summary>An organization manages its own webhook endpoints; another organization cannot tell they exist.</summary>
public sealed class EndpointsApiSpecs(NotificationsFactory service) : IClassFixture<NotificationsFactory>
{
    private static readonly Uri Hook = new("http://127.0.0.1:9/hooks");

    [Fact]
    public async Task A_registered_endpoints_secret_is_shown_once_and_the_database_holds_it_only_encrypted()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();

        var (id, secret) = await service.RegisterAsync(organization, Hook, "intake.report-submitted.v1");

        secret.ShouldStartWith("whsec_");
        var listed = await service.ClientFor(organization).GetStringAsync("/api/notifications/endpoints");
        listed.ShouldContain(id.ToString());
        listed.ShouldNotContain(secret);
        listed.ShouldNotContain(secret["whsec_".Length..]);
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        var stored = (await connection.QueryAsync<byte[]>("select sealed from endpoint_secrets where endpoint_id = @id", new { id })).Single();
        Encoding.Latin1.GetString(stored).ShouldNotContain(secret["whsec_".Length..]);
        Convert.ToBase64String(stored).ShouldNotContain(secret["whsec_".Length..]);
    }

    [Fact]
    public async Task Another_organizations_endpoint_is_not_found_for_every_operation_and_never_listed()
    {
        await service.ReadyAsync();
        var (id, _) = await service.RegisterAsync(Guid.NewGuid(), Hook, "intake.report-submitted.v1");
        var other = service.ClientFor(Guid.NewGuid());
        var json = JsonContent.Create(new { });

        (await other.GetAsync($"/api/notifications/endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/notifications/endpoints/{id}/deliveries")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/notifications/endpoints/{id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/notifications/endpoints/{id}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/notifications/endpoints/{id}/secrets", json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/notifications/endpoints/{id}/replay", json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.DeleteAsync($"/api/notifications/endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetStringAsync("/api/notifications/endpoints")).ShouldNotContain(id.ToString());
    }

    [Fact]
    public async Task A_token_without_the_notifications_scope_is_forbidden()
    {
        await service.ReadyAsync();

        using var response = await service.ClientFor(Guid.NewGuid(), scope: "cases").GetAsync("/api/notifications/endpoints");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rotating_keeps_the_previous_secret_signing_until_it_expires_and_can_end_it_at_once()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var client = service.ClientFor(organization);
        var (id, first) = await service.RegisterAsync(organization, Hook, "intake.report-submitted.v1");

        using var rotated = await client.PostAsJsonAsync($"/api/notifications/endpoints/{id}/secrets", new { previousSecretsValidForSeconds = 3600 });
        rotated.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        second.ShouldNotBe(first);
        var secrets = (await client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{id}")).GetProperty("secrets");
        secrets.GetArrayLength().ShouldBe(2);
        secrets[0].GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        secrets[1].GetProperty("expiresAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await client.PostAsJsonAsync($"/api/notifications/endpoints/{id}/secrets", new { previousSecretsValidForSeconds = 0 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.GetFromJsonAsync<JsonElement>($"/api/notifications/endpoints/{id}")).GetProperty("secrets").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Pausing_resuming_and_deleting_change_the_endpoint_as_listed()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var client = service.ClientFor(organization);
        var (id, _) = await service.RegisterAsync(organization, Hook, "intake.report-submitted.v1");

        (await (await client.PostAsync($"/api/notifications/endpoints/{id}/pause", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("status").GetString().ShouldBe("paused");
        (await (await client.PostAsync($"/api/notifications/endpoints/{id}/resume", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("status").GetString().ShouldBe("active");
        (await client.DeleteAsync($"/api/notifications/endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/notifications/endpoints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_each_field_never_a_server_error()
    {
        await service.ReadyAsync();
        var organization = Guid.NewGuid();
        var client = service.ClientFor(organization);
        var (id, _) = await service.RegisterAsync(organization, Hook, "intake.report-submitted.v1");

        await ShouldNameAsync(await client.PostAsJsonAsync("/api/notifications/endpoints", new { eventTypes = new[] { "cases.everything.v9" } }), "url", "eventTypes");
        await ShouldNameAsync(await client.PostAsJsonAsync($"/api/notifications/endpoints/{id}/replay", new { }), "deliveryId", "since");
        await ShouldNameAsync(await client.PostAsJsonAsync($"/api/notifications/endpoints/{id}/secrets", new { previousSecretsValidForSeconds = -1 }), "previousSecretsValidForSeconds");
        await ShouldNameAsync(await client.GetAsync($"/api/notifications/endpoints/{id}/deliveries?limit=0&status=lost"), "limit", "status");
        await ShouldNameAsync(await client.GetAsync("/api/notifications/feed?after=bm9wZQ&limit=5000"), "after", "limit");
        using var malformed = await client.PostAsync("/api/notifications/endpoints", new StringContent("{\"url\":", Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await client.PostAsJsonAsync($"/api/notifications/endpoints/{id}/replay", new { deliveryId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, params string[] fields)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            errors.EnumerateObject().Select(error => error.Name).ShouldBe(fields, ignoreOrder: true);
        }
    }
}
