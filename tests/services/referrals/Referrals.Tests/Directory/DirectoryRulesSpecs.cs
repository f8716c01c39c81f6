using Microsoft.AspNetCore.Http;
using Referrals.Directory;
using Referrals.Directory.Hsds;
using Referrals.Directory.Locations;
using Referrals.Directory.Profiles;
using Referrals.Directory.Services;

namespace Referrals.Tests.Directory;

/// <summary>The directory's rules without a database: validation, the confidential-location rule, HSDS mapping, If-Match.</summary>
public sealed class DirectoryRulesSpecs
{
    private static readonly Guid Shelter = Guid.CreateVersion7();
    private static readonly Guid School = Guid.CreateVersion7();

    private static ServiceRequest Request(IReadOnlyList<string?>? taxonomy = null, IReadOnlyList<string?>? languages = null) => new(
        "Legal clinic", "Free advice.", taxonomy ?? ["legal-aid"], languages ?? ["en"], null, null, null, null, null, null, null, null,
        [new OpeningHoursRequest(["fr", "mo"], "09:00", "12:30")], null, null, null);

    [Theory]
    [InlineData("EN", "en")]
    [InlineData("es-mx", "es-MX")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("sgn-ase", "sgn-ase")]
    public void Language_tags_are_kept_in_canonical_case(string given, string canonical) =>
        LanguageTags.Canonical(given).ShouldBe(canonical);

    [Theory]
    [InlineData("")]
    [InlineData("english")]
    [InlineData("en_GB")]
    [InlineData("e")]
    public void Anything_else_is_not_a_language_tag(string given) => LanguageTags.Canonical(given).ShouldBeNull();

    [Fact]
    public void A_valid_service_is_normalized_days_in_week_order()
    {
        var errors = new FieldErrors();
        var (details, locationIds) = ServiceDetails.From(Request(languages: ["ES", "es"]), errors)!.Value;
        errors.Any.ShouldBeFalse();
        details.Languages.ShouldBe(["es"]);
        details.Hours.Single().Days.ShouldBe(["MO", "FR"]);
        details.Status.ShouldBe(ServiceDetails.Active);
        locationIds.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_taxonomy_code_alone_is_unprocessable_not_malformed()
    {
        var errors = new FieldErrors();
        ServiceDetails.From(Request(taxonomy: ["legal-aid", "astrology"]), errors).ShouldBeNull();
        errors.OnlyUnprocessable.ShouldBeTrue();
        errors.All.Keys.ShouldBe(["taxonomyCodes[1]"]);
    }

    [Fact]
    public void A_malformed_field_beside_an_unknown_code_makes_the_whole_request_malformed()
    {
        var errors = new FieldErrors();
        ServiceDetails.From(Request(taxonomy: ["astrology"], languages: ["??"]), errors).ShouldBeNull();
        errors.OnlyUnprocessable.ShouldBeFalse();
        errors.All.Keys.Order().ShouldBe(["languages[0]", "taxonomyCodes[0]"]);
    }

    [Fact]
    public void Errors_never_quote_what_was_sent()
    {
        var errors = new FieldErrors();
        OrganizationProfile.From(new OrganizationProfileRequest("Name", "Description", "jane.doe@", "ftp://jane.example", ["jane"]), errors);
        errors.All.Keys.Order().ShouldBe(["email", "languages[0]", "url"]);
        errors.All.Values.SelectMany(messages => messages).ShouldAllBe(message => !message.Contains("jane", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_location_must_say_whether_it_is_confidential()
    {
        var errors = new FieldErrors();
        LocationDetails.From(new LocationRequest("Office", null, null, new AddressRequest("1 Road", null, "Town", null, null, "GBR"), 10, null, null, null), errors)
            .ShouldBeNull();
        errors.All.Keys.Order().ShouldBe(["address.country", "confidential", "longitude"]);
    }

    private static StoredLocation Hidden() => new(Guid.CreateVersion7(), Shelter,
        new LocationDetails("Safe house", "Behind the church", true, new Address("17 Hidden Lane", null, "Riverside", null, "RS1", "GB"), 51.5, -0.1,
            "Ramp at the back door", "Bus 12"), 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_confidential_location_shows_other_organizations_its_id_and_nothing_that_leads_to_it()
    {
        var location = Hidden();
        var seen = LocationView.For(location, School);
        seen.ShouldBe(new LocationView(location.Id, true, LocationView.ConfidentialName, LocationView.ConfidentialDescription, null, null, null, null, null));
        LocationView.For(location, Shelter).Address!.Line1.ShouldBe("17 Hidden Lane");
    }

    [Fact]
    public void The_HSDS_service_of_a_confidential_location_has_no_address_for_other_organizations()
    {
        var location = Hidden();
        var errors = new FieldErrors();
        var (details, _) = ServiceDetails.From(Request(), errors)!.Value;
        var service = new StoredService(Guid.CreateVersion7(), Shelter, new OrganizationProfile("Shelter", "Beds.", null, null, []), details, 1,
            DateTimeOffset.UnixEpoch, [new PlacedLocation(Guid.CreateVersion7(), location)]);

        var seen = HsdsMapping.Service(service, School).ServiceAtLocations.Single().Location;
        seen.Addresses.ShouldBeEmpty();
        seen.Accessibility.ShouldBeEmpty();
        (seen.Latitude, seen.Longitude, seen.Transportation, seen.Confidential).ShouldBe((null, null, null, true));
        var own = HsdsMapping.Service(service, Shelter).ServiceAtLocations.Single().Location;
        own.Addresses.Single().Address1.ShouldBe("17 Hidden Lane");
        HsdsMapping.Service(service, School).Schedules.Single().Byday.ShouldBe("MO,FR");
    }

    [Fact]
    public void Nested_HSDS_ids_are_stable_and_distinct()
    {
        var owner = Guid.CreateVersion7();
        HsdsMapping.IdOf(owner, "attribute:legal-aid").ShouldBe(HsdsMapping.IdOf(owner, "attribute:legal-aid"));
        HsdsMapping.IdOf(owner, "attribute:legal-aid").ShouldNotBe(HsdsMapping.IdOf(owner, "attribute:shelter"));
        HsdsMapping.IdOf(owner, "attribute:legal-aid").Version.ShouldBe(8);
        // Published ids: the same name gives the same id in every version of the service.
        HsdsMapping.IdOf(Guid.Parse("0195a1b2-0000-7000-8000-00000000a001"), "address").ShouldBe(Guid.Parse("2e5542b4-0451-8a07-8c40-2cc38a7473e3"));
    }

    [Fact]
    public void The_taxonomy_has_the_fields_terms_with_unique_codes_and_ids()
    {
        Taxonomy.Codes.ShouldBe(["legal-aid", "counselling", "shelter", "medical", "law-enforcement", "hr-investigation", "advocacy", "helpline"]);
        Taxonomy.Terms.Select(term => term.Id).Append(Taxonomy.Id).Distinct().Count().ShouldBe(Taxonomy.Terms.Count + 1);
    }

    [Theory]
    [InlineData(null, 3L, "required")]
    [InlineData("\"3\"", 3L, null)]
    [InlineData("\"2\", \"3\"", 3L, null)]
    [InlineData("*", 3L, null)]
    [InlineData("\"2\"", 3L, "failed")]
    [InlineData("W/\"3\"", 3L, "failed")]
    [InlineData("\"3\"", null, "failed")]
    [InlineData(null, null, null)]
    public void If_Match_decides_whether_a_change_applies(string? ifMatch, long? current, string? refused)
    {
        var http = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            http.Request.Headers.IfMatch = ifMatch;
        }
        var problem = DirectoryWrites.Precondition(http.Request, current, "service");
        problem?.StatusCode.ShouldBe(refused == "required" ? StatusCodes.Status428PreconditionRequired : StatusCodes.Status412PreconditionFailed);
        (problem is null).ShouldBe(refused is null);
    }
}
