using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;

namespace EndToEnd.Tests.Referrals;

/// <summary>
/// The service directory through the gateway, every service its own process: an NGO publishes a
/// legal-aid service and a school finds it, by the platform's search and by the HSDS shapes; a
/// shelter's confidential address reaches nobody but the shelter; nobody changes another's entries.
/// </summary>
public sealed class DirectorySpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    // The HSDS taxonomy_term id of legal-aid (Directory/Taxonomy.cs): fixed, so partners may keep it.
    private const string LegalAidTermId = "80812ec2-44d8-4fa2-a44e-b8ae73de34db";
    private const string ShelterStreet = "9 Quiet Close";

    private HttpClient Gateway => platform.Gateway.Client;

    private async Task<(string Token, string OrganizationId)> CallerAsync(string clientId)
    {
        var token = await platform.TokenAsync(clientId);
        return (token, new JsonWebToken(token).GetClaim("org_id").Value);
    }

    private async Task<string> NgoLegalAidServiceAsync(string ngoToken)
    {
        await DirectoryClient.EnsureProfileAsync(Gateway, ngoToken, "Safe Harbour Women's Network");
        var (location, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, $"{DirectoryClient.Prefix}/locations", ngoToken,
            DirectoryClient.Location("Drop-in office", "1 Harbour Road", confidential: false)).ExpectAsync(HttpStatusCode.Created);
        var (service, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, $"{DirectoryClient.Prefix}/services", ngoToken,
            DirectoryClient.Service($"Pro bono lawyers {Guid.NewGuid():N}", "legal-aid", ["en", "es"], [location.GetProperty("location").GetProperty("id").GetGuid()]))
            .ExpectAsync(HttpStatusCode.Created);
        return service.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_school_finds_an_NGOs_legal_aid_service_by_taxonomy_and_language_and_through_HSDS()
    {
        var (ngo, ngoId) = await CallerAsync("safe-harbour");
        var (school, _) = await CallerAsync("riverside-school");
        var serviceId = await NgoLegalAidServiceAsync(ngo);

        var (found, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/services?taxonomy=legal-aid&language=es&limit=200", school)
            .ExpectAsync(HttpStatusCode.OK);
        var item = found.GetProperty("items").EnumerateArray().Single(entry => entry.GetProperty("id").GetString() == serviceId);
        item.GetProperty("organization").GetProperty("id").GetString().ShouldBe(ngoId);
        item.GetProperty("locations")[0].GetProperty("address").GetProperty("line1").GetString().ShouldBe("1 Harbour Road");
        var (counselling, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/services?taxonomy=counselling&limit=200", school)
            .ExpectAsync(HttpStatusCode.OK);
        counselling.GetProperty("items").EnumerateArray().ShouldNotContain(entry => entry.GetProperty("id").GetString() == serviceId);

        var (page, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get,
            $"{DirectoryClient.Prefix}/hsds/services?taxonomy_term_id={LegalAidTermId}&organization_id={ngoId}&per_page=200", school).ExpectAsync(HttpStatusCode.OK);
        page.GetProperty("empty").GetBoolean().ShouldBeFalse();
        page.GetProperty("contents").EnumerateArray().Select(entry => entry.GetProperty("id").GetString()).ShouldContain(serviceId);
        page.GetProperty("total_items").GetInt32().ShouldBe(page.GetProperty("contents").GetArrayLength());

        var (hsds, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/hsds/services/{serviceId}", school)
            .ExpectAsync(HttpStatusCode.OK);
        hsds.GetProperty("organization").GetProperty("name").GetString().ShouldBe("Safe Harbour Women's Network");
        hsds.GetProperty("status").GetString().ShouldBe("active");
        hsds.GetProperty("attributes").EnumerateArray().Select(attribute => attribute.GetProperty("taxonomy_term").GetProperty("code").GetString())
            .ShouldBe(["legal-aid"]);
        hsds.GetProperty("languages").EnumerateArray().Select(language => language.GetProperty("code").GetString()).ShouldBe(["en", "es"]);
        hsds.GetProperty("service_at_locations")[0].GetProperty("location").GetProperty("addresses")[0].GetProperty("address_1").GetString()
            .ShouldBe("1 Harbour Road");
        hsds.GetProperty("schedules")[0].GetProperty("byday").GetString().ShouldBe("MO,WE,FR");
    }

    [Fact]
    public async Task A_shelters_confidential_address_is_never_visible_to_the_school()
    {
        var shelter = await RegisterShelterAsync();
        var (school, _) = await CallerAsync("riverside-school");
        await DirectoryClient.EnsureProfileAsync(Gateway, shelter, "Northside Shelter");
        var (location, ownLocation) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, $"{DirectoryClient.Prefix}/locations", shelter,
            DirectoryClient.Location("Safe house", ShelterStreet, confidential: true)).ExpectAsync(HttpStatusCode.Created);
        ownLocation.ShouldContain(ShelterStreet);
        var (service, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, $"{DirectoryClient.Prefix}/services", shelter,
            DirectoryClient.Service("Emergency accommodation", "shelter", ["en"], [location.GetProperty("location").GetProperty("id").GetGuid()]))
            .ExpectAsync(HttpStatusCode.Created);
        var serviceId = service.GetProperty("id").GetString()!;

        foreach (var path in new[]
        {
            $"/services/{serviceId}", "/services?taxonomy=shelter&limit=200", $"/hsds/services/{serviceId}", "/hsds/services?per_page=200", "/locations",
            $"/services?q={Uri.EscapeDataString(ShelterStreet)}",
        })
        {
            var (_, seen) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, DirectoryClient.Prefix + path, school).ExpectAsync(HttpStatusCode.OK);
            seen.ShouldNotContain(ShelterStreet, customMessage: path);
            seen.ShouldNotContain("Safe house", customMessage: path);
        }
        var (read, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/services/{serviceId}", school).ExpectAsync(HttpStatusCode.OK);
        read.GetProperty("locations")[0].GetProperty("confidential").GetBoolean().ShouldBeTrue();
        var (_, own) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/hsds/services/{serviceId}", shelter).ExpectAsync(HttpStatusCode.OK);
        own.ShouldContain(ShelterStreet);
    }

    [Fact]
    public async Task Another_organization_cannot_modify_the_NGOs_entries()
    {
        var (ngo, ngoId) = await CallerAsync("safe-harbour");
        var (school, schoolId) = await CallerAsync("riverside-school");
        var serviceId = await NgoLegalAidServiceAsync(ngo);
        var (read, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/services/{serviceId}", ngo).ExpectAsync(HttpStatusCode.OK);
        var locationId = read.GetProperty("locations")[0].GetProperty("id").GetGuid();

        await DirectoryClient.SendAsync(Gateway, HttpMethod.Put, $"{DirectoryClient.Prefix}/services/{serviceId}", school,
            DirectoryClient.Service("Taken over", "legal-aid", "en"), ifMatch: "\"1\"").ExpectAsync(HttpStatusCode.NotFound);
        await DirectoryClient.SendAsync(Gateway, HttpMethod.Put, $"{DirectoryClient.Prefix}/locations/{locationId}", school,
            DirectoryClient.Location("Taken over", "2 Elsewhere", confidential: false), ifMatch: "\"1\"").ExpectAsync(HttpStatusCode.NotFound);
        // The organization is the token's: naming the NGO in the body changes nothing of the NGO's.
        using (var profile = await DirectoryClient.SendAsync(Gateway, HttpMethod.Put, $"{DirectoryClient.Prefix}/organization", school,
            new { organizationId = ngoId, name = "Taken over", description = "Not the NGO." }))
        {
            profile.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.PreconditionRequired);
        }

        var (after, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/services/{serviceId}", school).ExpectAsync(HttpStatusCode.OK);
        after.GetProperty("name").GetString().ShouldBe(read.GetProperty("name").GetString());
        after.GetProperty("version").GetInt64().ShouldBe(1);
        after.GetProperty("locations")[0].GetProperty("address").GetProperty("line1").GetString().ShouldBe("1 Harbour Road");
        var (ngoProfile, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/organizations/{ngoId}", school)
            .ExpectAsync(HttpStatusCode.OK);
        ngoProfile.GetProperty("name").GetString().ShouldBe("Safe Harbour Women's Network");
        await DirectoryClient.SendAsync(Gateway, HttpMethod.Get, $"{DirectoryClient.Prefix}/organizations/{schoolId}", ngo).ExpectAsync(HttpStatusCode.OK);
    }

    // The demo data has no shelter: the platform administrator registers one, as in production.
    private async Task<string> RegisterShelterAsync()
    {
        var admin = await platform.TokenAsync("platform-admin");
        var (organization, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, "/api/identity/organizations", admin,
            new { name = "Northside Shelter", kind = "shelter" }).ExpectAsync(HttpStatusCode.Created);
        var (client, _) = await DirectoryClient.SendAsync(Gateway, HttpMethod.Post, $"/api/identity/organizations/{organization.GetProperty("id")}/clients", admin,
            new { clientId = "northside-shelter", name = "Northside Shelter integration", scopes = new[] { "referrals" }, roles = new[] { "caseworker" } })
            .ExpectAsync(HttpStatusCode.Created);
        return await TokenRequests.GetAsync(Gateway, "northside-shelter", client.GetProperty("clientSecret").GetString()!);
    }
}
