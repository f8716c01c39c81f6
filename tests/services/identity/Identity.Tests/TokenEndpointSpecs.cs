using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;

namespace Identity.Tests;

/// <summary>The client credentials grant as RFC 6749 §4.4 and RFC 9068 describe it.</summary>
public sealed class TokenEndpointSpecs(IdentityFactory identity) : IClassFixture<IdentityFactory>
{
    private const string School = "riverside-school";

    [Fact]
    public async Task Issues_an_at_jwt_access_token_with_the_organization_that_validates_against_the_published_jwks()
    {
        var token = await identity.TokenAsync(School);

        var validated = await identity.ValidateAgainstJwksAsync(token);

        validated.IsValid.ShouldBeTrue(validated.Exception?.Message);
        var jwt = (JsonWebToken)validated.SecurityToken;
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Alg.ShouldBe("ES256");
        jwt.Subject.ShouldBe(School);
        jwt.GetClaim("client_id").Value.ShouldBe(School);
        jwt.GetClaim("org_kind").Value.ShouldBe("school");
        Guid.TryParse(jwt.GetClaim("org_id").Value, out _).ShouldBeTrue();
        jwt.GetClaim("scope").Value.Split(' ').ShouldContain("cases");
        jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ShouldBe(["caseworker"]);
        jwt.Id.ShouldNotBeNullOrEmpty();
        (jwt.ValidTo - jwt.IssuedAt).ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Accepts_the_client_credentials_in_the_form_and_carries_on_behalf_of_and_the_narrowed_scope()
    {
        await identity.TokenAsync(School);
        using var response = await identity.CreateClient().PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = School,
                ["client_secret"] = IdentityFactory.DemoSecret,
                ["scope"] = "cases",
                ["on_behalf_of"] = "staff-4711",
            }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var body = await response.JsonAsync();
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("scope").GetString().ShouldBe("cases");
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        jwt.GetClaim("scope").Value.ShouldBe("cases");
        jwt.GetClaim("on_behalf_of").Value.ShouldBe("staff-4711");
    }

    [Fact]
    public async Task A_wrong_secret_is_401_invalid_client_with_a_www_authenticate_challenge()
    {
        await identity.TokenAsync(School);

        using var response = await identity.CreateClient().SendAsync(TokenRequests.Request(School, "not-the-secret"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(challenge => challenge.Scheme == "Basic");
        (await ErrorAsync(response)).ShouldBe("invalid_client");
    }

    [Fact]
    public async Task An_unknown_client_is_401_invalid_client()
    {
        await identity.TokenAsync(School);

        using var response = await identity.CreateClient().SendAsync(TokenRequests.Request("no-such-client", IdentityFactory.DemoSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorAsync(response)).ShouldBe("invalid_client");
    }

    [Fact]
    public async Task An_unknown_grant_type_is_400_unsupported_grant_type()
    {
        await identity.TokenAsync(School);

        using var response = await identity.CreateClient().SendAsync(TokenRequests.Request(School, IdentityFactory.DemoSecret, grantType: "password"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task A_scope_the_client_is_not_allowed_is_400_invalid_scope()
    {
        await identity.TokenAsync(School);

        using var response = await identity.CreateClient().SendAsync(TokenRequests.Request(School, IdentityFactory.DemoSecret, scope: "cases identity.admin"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task A_request_that_is_not_a_form_is_400_invalid_request()
    {
        await identity.TokenAsync(School); // identity is migrated (until then it answers 503)
        using var request = TokenRequests.Request(School, IdentityFactory.DemoSecret);
        request.Content = new StringContent("{\"grant_type\":\"client_credentials\"}", MediaTypeHeaderValue.Parse("application/json"));

        using var response = await identity.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorAsync(response)).ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Discovery_names_the_issuer_the_token_endpoint_and_the_jwks()
    {
        await identity.TokenAsync(School);
        var discovery = await (await identity.CreateClient().GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative))).JsonAsync();

        discovery.GetProperty("issuer").GetString().ShouldBe(IdentityFactory.Issuer);
        discovery.GetProperty("token_endpoint").GetString().ShouldEndWith("/connect/token");
        discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["client_credentials"]);
        (await identity.JwksAsync()).Keys.ShouldAllBe(key => key.Kty == "EC" && key.Alg == "ES256" && !key.HasPrivateKey);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
    }
}
