using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;

namespace Identity.Tests;

/// <summary>The platform administrator registers organizations and clients; secrets are shown once and rotate.</summary>
public sealed class AdministrationSpecs(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_registered_client_gets_tokens_with_its_secret_shown_once_and_its_organization_lists_it_without_secrets()
    {
        var admin = await AdminAsync();
        var organization = await (await admin.PostAsJsonAsync("/api/identity/organizations", new { name = "Harbour Legal Aid", kind = "legal-aid" })).JsonAsync();
        var organizationId = organization.GetProperty("id").GetString();
        organization.GetProperty("kind").GetString().ShouldBe("legal-aid");

        using var registered = await admin.PostAsJsonAsync($"/api/identity/organizations/{organizationId}/clients",
            new { clientId = "harbour-legal", name = "Case system", scopes = new[] { "identity", "cases" }, roles = new[] { "caseworker" } });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var secret = (await registered.JsonAsync()).GetProperty("clientSecret").GetString()!;

        var token = await TokenRequests.GetAsync(identity.CreateClient(), "harbour-legal", secret);
        new JsonWebToken(token).GetClaim("org_id").Value.ShouldBe(organizationId);
        using var own = await identity.CreateClient().GetWithTokenAsync($"/api/identity/organizations/{organizationId}", token);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await own.Content.ReadAsStringAsync();
        body.ShouldContain("harbour-legal");
        body.ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_client_has_several_active_secrets_at_once_and_a_revoked_one_stops_working()
    {
        var admin = await AdminAsync();
        var organization = await (await admin.PostAsJsonAsync("/api/identity/organizations", new { name = "Northside Shelter", kind = "shelter" })).JsonAsync();
        var first = (await (await admin.PostAsJsonAsync($"/api/identity/organizations/{organization.GetProperty("id")}/clients",
            new { clientId = "northside-shelter", name = "Shelter", scopes = new[] { "referrals" } })).JsonAsync()).GetProperty("clientSecret").GetString()!;

        var added = await (await admin.PostAsync(new Uri("/api/identity/clients/northside-shelter/secrets", UriKind.Relative), null)).JsonAsync();
        var second = added.GetProperty("clientSecret").GetString()!;
        await TokenRequests.GetAsync(identity.CreateClient(), "northside-shelter", first);
        await TokenRequests.GetAsync(identity.CreateClient(), "northside-shelter", second);

        (await admin.DeleteAsync(new Uri($"/api/identity/clients/northside-shelter/secrets/{added.GetProperty("secretId")}", UriKind.Relative)))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var revoked = await identity.CreateClient().SendAsync(TokenRequests.Request("northside-shelter", second));
        revoked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await TokenRequests.GetAsync(identity.CreateClient(), "northside-shelter", first);
    }

    [Fact]
    public async Task Registering_with_an_unknown_kind_or_a_role_the_kind_may_not_hold_is_a_validation_problem()
    {
        var admin = await AdminAsync();
        using var badKind = await admin.PostAsJsonAsync("/api/identity/organizations", new { name = "Somewhere", kind = "church" });
        var organization = await (await admin.PostAsJsonAsync("/api/identity/organizations", new { name = "Eastgate College", kind = "school" })).JsonAsync();
        using var badRole = await admin.PostAsJsonAsync($"/api/identity/organizations/{organization.GetProperty("id")}/clients",
            new { name = "Sneaky", scopes = new[] { "identity.admin" }, roles = new[] { "platform-admin" } });

        badKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badKind.JsonAsync()).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        badRole.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await badRole.JsonAsync()).GetProperty("errors");
        errors.TryGetProperty("roles", out _).ShouldBeTrue();
        errors.TryGetProperty("scopes", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_assigned_auditor_gets_the_assignment_in_its_tokens()
    {
        var token = new JsonWebToken(await identity.TokenAsync("case-review-office"));
        var organizations = await (await AdminAsync()).GetFromJsonAsync<JsonElement>("/api/identity/organizations");
        var school = organizations.EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "school" && o.GetProperty("name").GetString() == "Riverside Secondary School");

        token.GetClaim("roles").Value.ShouldBe("auditor");
        token.Claims.Where(c => c.Type == "audits").Select(c => c.Value).ShouldBe([school.GetProperty("id").GetString()]);
    }

    [Fact]
    public async Task A_partner_client_cannot_use_the_administration_api()
    {
        using var response = await identity.CreateClient().GetWithTokenAsync("/api/identity/organizations", await identity.TokenAsync("riverside-school"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await identity.TokenAsync("platform-admin"));
        return client;
    }
}
