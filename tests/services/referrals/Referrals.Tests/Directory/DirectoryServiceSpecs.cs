using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Referrals.Directory;

namespace Referrals.Tests.Directory;

/// <summary>The directory as deployed: real PostgreSQL, calls with platform tokens of several organizations.</summary>
public sealed class DirectoryServiceSpecs(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    private const string Services = "/api/referrals/directory/services";

    [Fact]
    public async Task A_published_service_is_found_by_taxonomy_language_and_text_and_read_by_any_partner()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        var school = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Harbour Legal Aid");
        var name = $"Pro bono lawyers {Guid.NewGuid():N}";
        var serviceId = await ngo.PublishServiceAsync(DirectoryExamples.Service(name, ["legal-aid", "advocacy"], ["es-mx", "EN"]));

        var (found, _) = await school.ReadAsync($"{Services}?taxonomy=legal-aid&language=es&q={Uri.EscapeDataString(name[..20])}&limit=200");
        var item = found.GetProperty("items").EnumerateArray().Single(entry => entry.GetProperty("id").GetGuid() == serviceId);
        item.GetProperty("name").GetString().ShouldBe(name);
        item.GetProperty("organization").GetProperty("name").GetString().ShouldBe("Harbour Legal Aid");
        item.GetProperty("languages").EnumerateArray().Select(tag => tag.GetString()).ShouldBe(["es-MX", "en"]);
        item.GetProperty("taxonomy").EnumerateArray().Select(term => term.GetProperty("code").GetString()).ShouldBe(["legal-aid", "advocacy"]);

        var (other, _) = await school.ReadAsync($"{Services}?taxonomy=shelter&q={Uri.EscapeDataString(name)}");
        other.GetProperty("items").GetArrayLength().ShouldBe(0);
        var (french, _) = await school.ReadAsync($"{Services}?language=fr&q={Uri.EscapeDataString(name)}");
        french.GetProperty("items").GetArrayLength().ShouldBe(0);

        var (read, _) = await school.ReadAsync($"{Services}/{serviceId}");
        read.GetProperty("hours")[0].GetProperty("days").EnumerateArray().Select(day => day.GetString()).ShouldBe(["MO", "TU", "WE", "TH", "FR"]);
        read.GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task Search_pages_with_a_cursor_without_skipping_or_repeating_a_service()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Many services");
        var published = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            published.Add(await ngo.PublishServiceAsync(DirectoryExamples.Service($"Helpline {i}", ["helpline"], ["en"])));
        }
        var organization = (await ngo.ReadAsync($"{Services}/{published[0]}")).Body.GetProperty("organization").GetProperty("id").GetGuid();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var (page, _) = await ngo.ReadAsync($"{Services}?organization={organization}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        seen.ShouldBe(published);
    }

    [Fact]
    public async Task A_service_needs_its_organizations_profile_first()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        using var response = await ngo.PostAsJsonAsync(Services, DirectoryExamples.Service("Counselling", ["counselling"], ["en"]));
        var problem = await response.JsonAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("PUT /api/referrals/directory/organization");
    }

    [Fact]
    public async Task An_unknown_taxonomy_code_is_a_422_naming_the_field_and_not_echoing_it()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Taxonomy test");
        using var response = await ngo.PostAsJsonAsync(Services, DirectoryExamples.Service("Dance classes", ["legal-aid", "zumba-for-survivors"], ["en"]));
        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ShouldBe(["taxonomyCodes[1]"]);
        problem.GetRawText().ShouldNotContain("zumba");

        var (search, _) = await ngo.ReadAsync($"{Services}?taxonomy=zumba", HttpStatusCode.UnprocessableEntity);
        search.GetProperty("errors").TryGetProperty("taxonomy", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Malformed_fields_are_a_400_listing_every_path_and_never_a_500()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Validation test");
        using var response = await ngo.PostAsJsonAsync(Services, new
        {
            name = "",
            taxonomyCodes = new[] { "unknown-code" },
            languages = new[] { "not a language" },
            email = "someone@",
            minimumAge = 30,
            maximumAge = 20,
            hours = new[] { new { days = new[] { "XX" }, opens = "18:00", closes = "09:00" } },
        });
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order().ShouldBe(
            ["email", "hours[0].closes", "hours[0].days", "languages[0]", "maximumAge", "name", "taxonomyCodes[0]"]);
        problem.GetRawText().ShouldNotContain("someone@");

        using var broken = new HttpRequestMessage(HttpMethod.Post, Services) { Content = new StringContent("{\"name\": [", System.Text.Encoding.UTF8, "application/json") };
        using var unreadable = await ngo.SendAsync(broken);
        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unreadable.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var (limit, _) = await ngo.ReadAsync($"{Services}?limit=0&cursor=%%%&language=__", HttpStatusCode.BadRequest);
        limit.GetProperty("errors").EnumerateObject().Select(error => error.Name).Order().ShouldBe(["cursor", "language", "limit"]);
    }

    [Fact]
    public async Task A_service_offered_at_another_organizations_location_is_refused_as_unknown()
    {
        var shelter = await service.ClientAsync(Guid.CreateVersion7());
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Borrowing NGO");
        var shelterLocation = await shelter.AddLocationAsync(confidential: true);

        using var response = await ngo.PostAsJsonAsync(Services, DirectoryExamples.Service("Beds", ["shelter"], ["en"], [Guid.CreateVersion7(), shelterLocation]));
        var problem = await response.JsonAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("locationIds[0]")[0].GetString().ShouldBe(errors.GetProperty("locationIds[1]")[0].GetString());
        problem.GetRawText().ShouldNotContain(DirectoryExamples.ShelterStreet);
    }

    [Fact]
    public async Task Another_organization_cannot_change_an_entry_and_learns_nothing_from_trying()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        var other = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Owner NGO");
        var locationId = await ngo.AddLocationAsync(confidential: true);
        var serviceId = await ngo.PublishServiceAsync(DirectoryExamples.Service("Owned", ["counselling"], ["en"], [locationId]));

        using var service1 = await other.SendJsonAsync(HttpMethod.Put, $"{Services}/{serviceId}", DirectoryExamples.Service("Hijacked", ["counselling"], ["en"]), "\"1\"");
        var problem = await service1.JsonAsync(HttpStatusCode.NotFound);
        using var unknown = await other.SendJsonAsync(HttpMethod.Put, $"{Services}/{Guid.CreateVersion7()}", DirectoryExamples.Service("Hijacked", ["counselling"], ["en"]), "\"1\"");
        (await unknown.JsonAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString().ShouldBe(problem.GetProperty("title").GetString());
        using var location = await other.SendJsonAsync(HttpMethod.Put, $"/api/referrals/directory/locations/{locationId}", DirectoryExamples.Location(false, "1 Public Road"), "\"1\"");
        (await location.JsonAsync(HttpStatusCode.NotFound)).GetRawText().ShouldNotContain(DirectoryExamples.ShelterStreet);

        var (unchanged, text) = await ngo.ReadAsync($"{Services}/{serviceId}");
        unchanged.GetProperty("name").GetString().ShouldBe("Owned");
        text.ShouldContain(DirectoryExamples.ShelterStreet);
        (await other.ReadAsync("/api/referrals/directory/locations")).Body.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Changes_need_the_current_ETag_in_If_Match()
    {
        var ngo = await service.ClientAsync(Guid.CreateVersion7());
        await ngo.PublishProfileAsync("Versioned NGO");
        var serviceId = await ngo.PublishServiceAsync(DirectoryExamples.Service("Version 1", ["medical"], ["en"]));
        var path = $"{Services}/{serviceId}";

        using (var missing = await ngo.SendJsonAsync(HttpMethod.Put, path, DirectoryExamples.Service("Version 2", ["medical"], ["en"])))
        {
            await missing.JsonAsync(HttpStatusCode.PreconditionRequired);
        }
        using (var revised = await ngo.SendJsonAsync(HttpMethod.Put, path, DirectoryExamples.Service("Version 2", ["medical"], ["en"], status: "inactive"), "\"1\""))
        {
            (await revised.JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64().ShouldBe(2);
            revised.Headers.ETag!.Tag.ShouldBe("\"2\"");
        }
        using (var stale = await ngo.SendJsonAsync(HttpMethod.Put, path, DirectoryExamples.Service("Version 3", ["medical"], ["en"]), "\"1\""))
        {
            await stale.JsonAsync(HttpStatusCode.PreconditionFailed);
        }
        using (var profile = await ngo.SendJsonAsync(HttpMethod.Put, "/api/referrals/directory/organization", DirectoryExamples.Profile("Renamed NGO")))
        {
            await profile.JsonAsync(HttpStatusCode.PreconditionRequired);
        }

        var (read, _) = await ngo.ReadAsync(path);
        read.GetProperty("name").GetString().ShouldBe("Version 2");
        read.GetProperty("status").GetString().ShouldBe("inactive");
        var (search, _) = await ngo.ReadAsync($"{Services}?q=Version");
        search.GetProperty("items").EnumerateArray().ShouldNotContain(item => item.GetProperty("id").GetGuid() == serviceId);

        await using var database = service.DataSource();
        await using var history = database.CreateCommand("select version, document->'details'->>'name', client_id from directory_changes where entity_id = $1 order by version");
        history.Parameters.Add(new() { Value = serviceId });
        await using var reader = await history.ExecuteReaderAsync();
        var changes = new List<(long, string, string)>();
        while (await reader.ReadAsync())
        {
            changes.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        changes.ShouldBe([(1L, "Version 1", "forger"), (2L, "Version 2", "forger")]);
    }

    [Fact]
    public async Task A_confidential_address_is_shown_to_its_own_organization_only_in_every_read_shape()
    {
        var shelterId = Guid.CreateVersion7();
        var shelter = await service.ClientAsync(shelterId);
        var school = await service.ClientAsync(Guid.CreateVersion7());
        var auditor = await service.ClientAsync(Guid.CreateVersion7(), role: "auditor");
        await shelter.PublishProfileAsync("Northside Shelter");
        var hidden = await shelter.AddLocationAsync(confidential: true);
        var office = await shelter.AddLocationAsync(confidential: false, street: "2 Office Street");
        var serviceId = await shelter.PublishServiceAsync(DirectoryExamples.Service("Emergency beds", ["shelter"], ["en"], [hidden, office]));

        foreach (var reader in new[] { school, auditor })
        {
            var (read, text) = await reader.ReadAsync($"{Services}/{serviceId}");
            text.ShouldNotContain(DirectoryExamples.ShelterStreet);
            text.ShouldNotContain("Safe house");
            text.ShouldNotContain(DirectoryExamples.ShelterLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.ShouldContain("2 Office Street");
            var confidential = read.GetProperty("locations")[0];
            confidential.GetProperty("confidential").GetBoolean().ShouldBeTrue();
            confidential.GetProperty("address").ValueKind.ShouldBe(JsonValueKind.Null);

            var (_, hsds) = await reader.ReadAsync($"/api/referrals/directory/hsds/services/{serviceId}");
            hsds.ShouldNotContain(DirectoryExamples.ShelterStreet);
            hsds.ShouldContain("2 Office Street");
            var (_, searched) = await reader.ReadAsync($"{Services}?taxonomy=shelter&limit=200");
            searched.ShouldNotContain(DirectoryExamples.ShelterStreet);
            var (_, listed) = await reader.ReadAsync("/api/referrals/directory/hsds/services?per_page=200");
            listed.ShouldNotContain(DirectoryExamples.ShelterStreet);
            // Guessing the address finds nothing: search never reads locations.
            var (guess, _) = await reader.ReadAsync($"{Services}?q={Uri.EscapeDataString(DirectoryExamples.ShelterStreet)}");
            guess.GetProperty("items").GetArrayLength().ShouldBe(0);
        }

        var (own, ownText) = await shelter.ReadAsync($"{Services}/{serviceId}");
        ownText.ShouldContain(DirectoryExamples.ShelterStreet);
        own.GetProperty("locations")[0].GetProperty("address").GetProperty("line1").GetString().ShouldBe(DirectoryExamples.ShelterStreet);
        var (_, ownHsds) = await shelter.ReadAsync($"/api/referrals/directory/hsds/services/{serviceId}");
        ownHsds.ShouldContain(DirectoryExamples.ShelterStreet);
        var (_, ownLocations) = await shelter.ReadAsync("/api/referrals/directory/locations");
        ownLocations.ShouldContain(DirectoryExamples.ShelterStreet);
        var (_, schoolLocations) = await school.ReadAsync("/api/referrals/directory/locations");
        schoolLocations.ShouldNotContain(DirectoryExamples.ShelterStreet);
    }

    [Fact]
    public async Task The_HSDS_shapes_page_and_nest_in_HSDS_field_names()
    {
        var ngoId = Guid.CreateVersion7();
        var ngo = await service.ClientAsync(ngoId);
        await ngo.PublishProfileAsync("HSDS NGO");
        var locationId = await ngo.AddLocationAsync(confidential: false, street: "5 Open Street");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await ngo.PublishServiceAsync(DirectoryExamples.Service($"HSDS service {i}", ["legal-aid"], ["en", "es-MX"], [locationId])));
        }
        var legalAid = Taxonomy.Find("legal-aid")!.Id;

        var (page, _) = await ngo.ReadAsync($"/api/referrals/directory/hsds/services?organization_id={ngoId}&taxonomy_term_id={legalAid}&per_page=2&page=2");
        page.GetProperty("total_items").GetInt32().ShouldBe(3);
        page.GetProperty("total_pages").GetInt32().ShouldBe(2);
        page.GetProperty("page_number").GetInt32().ShouldBe(2);
        page.GetProperty("size").GetInt32().ShouldBe(1);
        page.GetProperty("first_page").GetBoolean().ShouldBeFalse();
        page.GetProperty("last_page").GetBoolean().ShouldBeTrue();
        page.GetProperty("empty").GetBoolean().ShouldBeFalse();
        page.GetProperty("contents")[0].GetProperty("id").GetGuid().ShouldBe(ids[2]);

        var (full, _) = await ngo.ReadAsync($"/api/referrals/directory/hsds/services/{ids[0]}");
        full.GetProperty("organization").GetProperty("name").GetString().ShouldBe("HSDS NGO");
        full.GetProperty("eligibility_description").GetString().ShouldBe("Survivors aged 16 and over.");
        full.GetProperty("fees_description").GetString().ShouldBe("Free.");
        var location = full.GetProperty("service_at_locations")[0];
        location.GetProperty("location_id").GetGuid().ShouldBe(locationId);
        location.GetProperty("location").GetProperty("addresses")[0].GetProperty("address_1").GetString().ShouldBe("5 Open Street");
        location.GetProperty("location").GetProperty("addresses")[0].GetProperty("country").GetString().ShouldBe("GB");
        full.GetProperty("languages").EnumerateArray().Select(language => language.GetProperty("code").GetString()).ShouldBe(["en", "es"]);
        full.GetProperty("schedules")[0].GetProperty("byday").GetString().ShouldBe("MO,TU,WE,TH,FR");
        full.GetProperty("schedules")[0].GetProperty("opens_at").GetString().ShouldBe("09:00");
        var attribute = full.GetProperty("attributes")[0];
        attribute.GetProperty("taxonomy_term_id").GetGuid().ShouldBe(legalAid);
        attribute.GetProperty("taxonomy_term").GetProperty("code").GetString().ShouldBe("legal-aid");

        var (again, _) = await ngo.ReadAsync($"/api/referrals/directory/hsds/services/{ids[0]}");
        again.GetProperty("attributes")[0].GetProperty("id").GetGuid().ShouldBe(attribute.GetProperty("id").GetGuid());

        var (unknownTerm, _) = await ngo.ReadAsync($"/api/referrals/directory/hsds/services?taxonomy_term_id={Guid.NewGuid()}", HttpStatusCode.UnprocessableEntity);
        unknownTerm.GetProperty("errors").TryGetProperty("taxonomy_term_id", out _).ShouldBeTrue();
        await ngo.ReadAsync($"/api/referrals/directory/hsds/services/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ServiceOfferings_tells_who_offers_a_service_and_whether_it_is_active()
    {
        var ngoId = Guid.CreateVersion7();
        var ngo = await service.ClientAsync(ngoId);
        await ngo.PublishProfileAsync("Offering NGO");
        var active = await ngo.PublishServiceAsync(DirectoryExamples.Service("Offered", ["advocacy", "helpline"], ["en"]));
        var inactive = await ngo.PublishServiceAsync(DirectoryExamples.Service("Paused", ["advocacy"], ["en"], status: "inactive"));
        await using var database = service.DataSource();

        var offering = await ServiceOfferings.FindAsync(database, active, CancellationToken.None);
        offering.ShouldBe(new ServiceOffering(active, ngoId, "Offered", offering!.TaxonomyCodes, true));
        offering.TaxonomyCodes.ShouldBe(["advocacy", "helpline"]);
        (await ServiceOfferings.FindAsync(database, inactive, CancellationToken.None))!.Active.ShouldBeFalse();
        (await ServiceOfferings.FindAsync(database, Guid.CreateVersion7(), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Auditors_and_callers_without_the_scope_cannot_write()
    {
        var auditor = await service.ClientAsync(Guid.CreateVersion7(), role: "auditor");
        using (var response = await auditor.SendJsonAsync(HttpMethod.Put, "/api/referrals/directory/organization", DirectoryExamples.Profile("Auditor")))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        var intakeOnly = await service.ClientAsync(Guid.CreateVersion7(), scope: "intake");
        using var search = await intakeOnly.GetAsync(new Uri(Services, UriKind.Relative));
        search.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
