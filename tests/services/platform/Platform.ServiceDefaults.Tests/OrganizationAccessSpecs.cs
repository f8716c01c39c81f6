using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Access;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>The one shared organization rule, as an endpoint declaring it sees it.</summary>
public sealed class OrganizationAccessSpecs : IAsyncLifetime
{
    private const string Issuer = "https://issuer.test";
    private static readonly string OwnerOrganization = Guid.NewGuid().ToString();
    private static readonly string OtherOrganization = Guid.NewGuid().ToString();
    private static readonly string ReferredOrganization = Guid.NewGuid().ToString();
    private readonly ECDsaSecurityKey key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test" };
    private readonly OpenIdConnectConfiguration discovered;
    private WebApplication app = null!;
    private int ran;

    public OrganizationAccessSpecs() => discovered = new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { key } };

    public async Task InitializeAsync() =>
        app = await TestApp.StartAsync(map =>
        {
            map.MapGet("/things/{thingId}", () => { Interlocked.Increment(ref ran); return TypedResults.Ok("thing"); })
                .RequireOrganizationAccess("thing", "thingId", "cases");
            map.MapPost("/things/{thingId}", () => { Interlocked.Increment(ref ran); return TypedResults.Ok("changed"); })
                .RequireOrganizationAccess("thing", "thingId", "cases");
            map.MapGet("/undeclared", () => { Interlocked.Increment(ref ran); return TypedResults.Ok("leak"); });
            map.MapGet("/public", () => TypedResults.Ok("hello")).AllowPublicAccess();
        }, builder =>
        {
            builder.AddPlatformAccess();
            builder.Services.AddResourceOwners<Things>();
            builder.Services.AddAccessGrants<Referrals>();
            builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.Configuration = discovered);
        });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_owning_organization_reaches_its_resource()
    {
        (await SendAsync(HttpMethod.Get, "/things/t1", Token(OwnerOrganization))).ShouldBe(HttpStatusCode.OK);
        ran.ShouldBe(1);
    }

    [Fact]
    public async Task Another_organization_gets_404_as_for_a_resource_that_does_not_exist_and_the_handler_never_runs()
    {
        (await SendAsync(HttpMethod.Get, "/things/t1", Token(OtherOrganization))).ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Get, "/things/missing", Token(OwnerOrganization))).ShouldBe(HttpStatusCode.NotFound);
        ran.ShouldBe(0);
    }

    [Fact]
    public async Task An_assigned_auditor_reads_but_never_changes_and_an_unassigned_one_sees_nothing()
    {
        var assigned = Token(Guid.NewGuid().ToString(), roles: ["auditor"], audits: [OwnerOrganization]);
        var unassigned = Token(Guid.NewGuid().ToString(), roles: ["auditor"]);

        (await SendAsync(HttpMethod.Get, "/things/t1", assigned)).ShouldBe(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Post, "/things/t1", assigned)).ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(HttpMethod.Get, "/things/t1", unassigned)).ShouldBe(HttpStatusCode.NotFound);
        ran.ShouldBe(1);
    }

    [Fact]
    public async Task A_recorded_grant_registered_by_a_service_lets_another_organization_in()
    {
        (await SendAsync(HttpMethod.Get, "/things/t1", Token(ReferredOrganization))).ShouldBe(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Get, "/things/t2", Token(ReferredOrganization))).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_the_service_validated_once_is_remembered_a_token_it_never_saw_is_checked_in_full()
    {
        var seen = Token(OwnerOrganization);
        (await SendAsync(HttpMethod.Get, "/things/t1", seen)).ShouldBe(HttpStatusCode.OK);

        discovered.SigningKeys.Clear();

        (await SendAsync(HttpMethod.Get, "/things/t1", seen)).ShouldBe(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Get, "/things/t1", Token(OwnerOrganization))).ShouldBe(HttpStatusCode.Unauthorized);
        ran.ShouldBe(2);
    }

    [Fact]
    public async Task Lacking_the_scope_is_403_before_anything_is_looked_up()
    {
        (await SendAsync(HttpMethod.Get, "/things/t1", Token(OwnerOrganization, scope: "referrals"))).ShouldBe(HttpStatusCode.Forbidden);
        (await SendAsync(HttpMethod.Get, "/things/t1", null)).ShouldBe(HttpStatusCode.Unauthorized);
        ran.ShouldBe(0);
    }

    [Fact]
    public async Task An_endpoint_that_declares_no_access_policy_is_never_run()
    {
        (await SendAsync(HttpMethod.Get, "/undeclared", Token(OwnerOrganization))).ShouldBe(HttpStatusCode.InternalServerError);
        (await SendAsync(HttpMethod.Get, "/public", null)).ShouldBe(HttpStatusCode.OK);
        ran.ShouldBe(0);
    }

    [Fact]
    public void The_caller_carries_what_an_event_records_about_who_caused_it()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("client_id", "riverside-school"), new Claim("org_id", OwnerOrganization), new Claim("org_kind", "school"),
            new Claim("on_behalf_of", "staff-4711"), new Claim("scope", "cases intake"), new Claim("roles", "caseworker"),
        ], "test"));

        var caller = Caller.From(principal).ShouldNotBeNull();

        (caller.ClientId, caller.OrganizationId, caller.OnBehalfOf).ShouldBe(("riverside-school", OwnerOrganization, "staff-4711"));
        caller.Scopes.ShouldBe(["cases", "intake"], ignoreOrder: true);
        caller.Roles.ShouldBe(["caseworker"]);
    }

    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await app.GetTestClient().SendAsync(request);
        return response.StatusCode;
    }

    private string Token(string organization, string scope = "cases", string[]? roles = null, string[]? audits = null)
    {
        var descriptor = ForgedTokens.Template(key, Issuer, scope, organization);
        descriptor.Claims["roles"] = roles ?? ["caseworker"];
        if (audits is not null)
        {
            descriptor.Claims["audits"] = audits;
        }
        return ForgedTokens.Sign(descriptor);
    }

    private sealed class Things : IResourceOwners
    {
        public string ResourceType => "thing";

        public ValueTask<string?> FindOwnerAsync(string resourceId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(resourceId is "t1" or "t2" ? OwnerOrganization : null);
    }

    // Stands for a service's consented referral: thing t1 was referred to ReferredOrganization.
    private sealed class Referrals : IAccessGrants
    {
        public ValueTask<bool> AllowsAsync(Caller caller, ResourceRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(caller.OrganizationId == ReferredOrganization && request.ResourceId == "t1");
    }
}
