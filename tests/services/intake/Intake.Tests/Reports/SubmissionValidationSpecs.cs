using Intake.Contracts;
using Intake.Reports;
using Intake.Reports.Submitting;
using static Intake.Tests.Reports.Examples;

namespace Intake.Tests.Reports;

public sealed class SubmissionValidationSpecs
{
    private static ValidatedSubmission Validate(SubmitReportRequest request, SubmissionRoute route = SubmissionRoute.Partner) =>
        SubmissionValidation.Validate(request, route, Now, Ids());

    private static void ShouldFailOn(SubmitReportRequest request, params string[] fields) =>
        ShouldFailOn(request, SubmissionRoute.Partner, fields);

    private static void ShouldFailOn(SubmitReportRequest request, SubmissionRoute route, params string[] fields)
    {
        var result = Validate(request, route);
        result.IsValid.ShouldBeFalse();
        result.Errors.Keys.Order(StringComparer.Ordinal).ShouldBe(fields.Order(StringComparer.Ordinal));
    }

    private static SubmitReportRequest WithPerson(int index, Func<PersonRequest, PersonRequest> change)
    {
        var request = Request();
        var people = request.People!.ToList();
        people[index] = change(people[index]!);
        return request with { People = people };
    }

    [Fact]
    public void A_complete_request_becomes_a_submission_with_a_person_id_for_everyone()
    {
        var result = Validate(Request() with { Narrative = $"  {Narrative}\n" });

        result.Errors.ShouldBeEmpty();
        var submission = result.Submission.ShouldNotBeNull();
        submission.Kind.ShouldBe(ReportKind.Stalking);
        submission.Narrative.ShouldBe(Narrative);
        submission.People.Select(person => person.PersonId).ShouldBe([Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002")]);
        submission.People[0].Roles.ShouldBe([PersonRole.Reporter, PersonRole.AffectedPerson]);
        submission.People[0].Contact.ShouldBe(new ContactDetails("ana@example.org", "+34 600 000 000", "Email only"));
        submission.Attachments.ShouldBe([new AttachmentReference(new string('a', 64), "image/png", 12_345)]);
    }

    [Fact]
    public void Every_missing_required_field_is_named() =>
        ShouldFailOn(new SubmitReportRequest(null, null, null, null, null, null, null, null, null, null, null, null),
            "kind", "setting", "mode", "narrative", "people");

    [Fact]
    public void Unknown_values_are_named_with_the_accepted_ones()
    {
        var request = WithPerson(0, person => person with { Roles = ["victim"], AgeBand = "teen" }) with { Kind = "harassment", Setting = "bus", Mode = "secret" };

        var result = Validate(request);

        result.Errors.Keys.ShouldBe(["kind", "setting", "mode", "people[0].roles[0]", "people[0].ageBand"], ignoreOrder: true);
        result.Errors["kind"].ShouldHaveSingleItem().ShouldContain("sexual-harassment, gender-based-violence, bullying, discrimination, stalking, online-abuse, other");
    }

    [Theory]
    [InlineData("Stalking")]
    [InlineData("4")]
    [InlineData("stalking ")]
    public void Values_are_matched_exactly_and_never_by_number(string kind) =>
        ShouldFailOn(Request() with { Kind = kind }, "kind");

    [Fact]
    public void A_blank_narrative_is_missing() => ShouldFailOn(Request() with { Narrative = " \n\t " }, "narrative");

    [Fact]
    public void The_narrative_is_limited_to_20000_characters()
    {
        Validate(Request() with { Narrative = new string('x', 20_000) }).IsValid.ShouldBeTrue();
        ShouldFailOn(Request() with { Narrative = new string('x', 20_001) }, "narrative");
    }

    [Fact]
    public void Names_are_limited_to_200_characters() =>
        ShouldFailOn(WithPerson(1, person => person with { Name = new string('x', 201) }), "people[1].name");

    [Fact]
    public void Control_characters_are_refused_in_text() =>
        ShouldFailOn(WithPerson(1, person => person with { Name = "Marco\0" }) with { Where = "Library\u0007" }, "people[1].name", "where");

    [Fact]
    public void Incident_dates_cannot_be_in_the_future_beyond_the_earliest_time_zone()
    {
        var tomorrow = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1);
        Validate(Request() with { When = new IncidentPeriodRequest(tomorrow, null, null) }).IsValid.ShouldBeTrue();
        ShouldFailOn(Request() with { When = new IncidentPeriodRequest(tomorrow.AddDays(1), null, null) }, "when.from");
        ShouldFailOn(Request() with { When = new IncidentPeriodRequest(tomorrow, tomorrow.AddDays(1), null) }, "when.to");
    }

    [Fact]
    public void Incident_dates_before_1900_are_refused() =>
        ShouldFailOn(Request() with { When = new IncidentPeriodRequest(new DateOnly(1899, 12, 31), null, null) }, "when.from");

    [Fact]
    public void An_incident_cannot_end_before_it_began() =>
        ShouldFailOn(Request() with { When = new IncidentPeriodRequest(new DateOnly(2025, 2, 2), new DateOnly(2025, 2, 1), null) }, "when.to");

    [Fact]
    public void A_period_without_a_start_is_refused() =>
        ShouldFailOn(Request() with { When = new IncidentPeriodRequest(null, new DateOnly(2025, 2, 1), null) }, "when.from");

    [Fact]
    public void When_and_where_may_be_unknown()
    {
        var submission = Validate(Request() with { When = null, Where = "  " }).Submission.ShouldNotBeNull();

        submission.When.ShouldBeNull();
        submission.Where.ShouldBeNull();
    }

    [Fact]
    public void A_report_has_exactly_one_reporter()
    {
        ShouldFailOn(WithPerson(1, person => person with { Roles = ["reporter", "witness"] }), "people");
        ShouldFailOn(WithPerson(0, person => person with { Roles = ["affected-person"] }), "people");
    }

    [Fact]
    public void A_report_has_an_affected_person() =>
        ShouldFailOn(WithPerson(0, person => person with { Roles = ["reporter", "witness"] }), "people");

    [Fact]
    public void An_alleged_perpetrator_holds_no_other_role() =>
        ShouldFailOn(WithPerson(1, person => person with { Roles = ["alleged-perpetrator", "witness"] }), "people[1].roles");

    [Fact]
    public void A_role_is_given_once() =>
        ShouldFailOn(WithPerson(1, person => person with { Roles = ["alleged-perpetrator", "alleged-perpetrator"] }), "people[1].roles[1]");

    [Fact]
    public void An_anonymous_reporter_gives_no_name_and_no_contact() =>
        ShouldFailOn(Request() with { Mode = "anonymous" }, "people[0].name", "people[0].contact");

    [Fact]
    public void An_identified_or_confidential_reporter_is_named()
    {
        ShouldFailOn(WithPerson(0, person => person with { Name = null }), "people[0].name");
        ShouldFailOn(WithPerson(0, person => person with { Name = null }) with { Mode = "confidential" }, "people[0].name");
    }

    [Fact]
    public void A_minor_flag_that_contradicts_the_age_band_is_refused() =>
        ShouldFailOn(WithPerson(0, person => person with { IsMinor = true, AgeBand = "25-64" }), "people[0].isMinor");

    [Theory]
    [InlineData("ana@", null, "people[0].contact.email")]
    [InlineData(null, "call me", "people[0].contact.phone")]
    [InlineData(null, "12", "people[0].contact.phone")]
    public void Contact_details_have_the_shape_of_contact_details(string? email, string? phone, string field) =>
        ShouldFailOn(WithPerson(0, person => person with { Contact = new ContactRequest(email, phone, null) }), field);

    [Fact]
    public void At_most_50_people()
    {
        var request = Request();
        var people = request.People!.Concat(Enumerable.Repeat(new PersonRequest(["witness"], null, null, null, null), 49)).ToList();

        ShouldFailOn(request with { People = people }, "people");
    }

    [Theory]
    [InlineData("not-a-hash", "image/png", 1L, "attachments[0].sha256")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF012345678", "image/png", 1L, "attachments[0].sha256")]
    [InlineData(null, "image/png", 1L, "attachments[0].sha256")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "png", 1L, "attachments[0].mediaType")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "image/png; q=1", 1L, "attachments[0].mediaType")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "image/png", 0L, "attachments[0].sizeBytes")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", "image/png", 104_857_601L, "attachments[0].sizeBytes")]
    public void Attachments_are_named_by_a_sha256_a_media_type_and_a_size_within_bounds(string? sha256, string mediaType, long size, string field) =>
        ShouldFailOn(Request() with { Attachments = [new AttachmentRequest(sha256, mediaType, size)] }, field);

    [Fact]
    public void Attachment_hashes_and_media_types_are_stored_in_lowercase()
    {
        var request = Request() with { Attachments = [new AttachmentRequest(new string('A', 64), "Image/PNG", SubmissionLimits.MaxAttachmentBytes)] };

        Validate(request).Submission!.Attachments.ShouldBe([new AttachmentReference(new string('a', 64), "image/png", SubmissionLimits.MaxAttachmentBytes)]);
    }

    [Fact]
    public void At_most_20_attachments() =>
        ShouldFailOn(Request() with { Attachments = [.. Enumerable.Repeat(new AttachmentRequest(new string('a', 64), "image/png", 1), 21)] }, "attachments");

    [Theory]
    [InlineData("en")]
    [InlineData("es-419")]
    [InlineData("fr-CA")]
    [InlineData("zh-Hant-TW")]
    [InlineData("de-DE-1996")]
    public void Preferred_languages_are_bcp47_tags(string tag) =>
        Validate(Request() with { PreferredLanguage = tag }).Submission!.PreferredLanguage.ShouldBe(tag);

    [Theory]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("en_US")]
    [InlineData("123")]
    public void Anything_else_is_not_a_language_tag(string tag) =>
        ShouldFailOn(Request() with { PreferredLanguage = tag }, "preferredLanguage");

    [Fact]
    public void Unanswered_questions_read_as_no()
    {
        var submission = Validate(Request() with { ImmediateDanger = null, Consent = null }).Submission.ShouldNotBeNull();

        submission.ImmediateDanger.ShouldBeFalse();
        submission.Consent.ShouldBe(new Consent(ToBeContacted: false, ToShareWithSupportServices: false));
    }

    [Fact]
    public void The_anonymous_route_takes_anonymous_reports_for_a_chosen_organization()
    {
        Validate(AnonymousRequest(), SubmissionRoute.AnonymousPublic).Submission.ShouldNotBeNull().Mode.ShouldBe(ReportMode.Anonymous);
        ShouldFailOn(AnonymousRequest() with { Mode = "confidential" }, SubmissionRoute.AnonymousPublic, "mode");
        ShouldFailOn(AnonymousRequest() with { ReceivingOrganizationId = null }, SubmissionRoute.AnonymousPublic, "receivingOrganizationId");
    }

    [Fact]
    public void Error_messages_never_quote_what_was_submitted()
    {
        var request = WithPerson(0, person => person with { Name = "Ana Secret" + new string('x', 200), Contact = new ContactRequest("secret-address@", "secret", null) })
            with
        { Kind = "secret-kind", PreferredLanguage = "secret-language-tag" };

        var messages = Validate(request).Errors.Values.SelectMany(m => m).ToList();

        messages.ShouldNotBeEmpty();
        messages.ShouldAllBe(message => !message.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }
}
