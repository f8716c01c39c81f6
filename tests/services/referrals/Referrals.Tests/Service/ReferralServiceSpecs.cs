using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Testing;
using Referrals.Referring;
using Referrals.Referring.EndingAccess;
using Referrals.Sweeping;

namespace Referrals.Tests.Service;

/// <summary>
/// The referrals service as deployed, real PostgreSQL and RabbitMQ, with its clock moved by the
/// specs: a consent expiring and a response deadline passing happen by moving time, not waiting.
/// </summary>
public sealed class ReferralServiceSpecs(ReferralsFactory service) : IClassFixture<ReferralsFactory>
{
    private readonly Guid school = Guid.CreateVersion7();
    private readonly Guid legalAid = Guid.CreateVersion7();
    private readonly Guid shelter = Guid.CreateVersion7();
    private readonly Guid caseId = Guid.CreateVersion7();
    private readonly string tag = Guid.NewGuid().ToString("N")[..8];

    private string Summary => $"Harassed by a coach {tag}.";

    private string Contact => $"alex.{tag}@example.org";

    private Task<HttpClient> SchoolAsync() => service.ClientAsync(school, "riverside-school");

    private Task<HttpClient> LegalAidAsync() => service.ClientAsync(legalAid, "harbour-legal-aid");

    private Guid? legalClinic;

    /// <summary>The legal-aid NGO's service in the directory, published the first time a spec refers to it.</summary>
    private async Task<Guid> LegalClinicAsync() => legalClinic ??= await ReferralsFactory.PublishServiceAsync(await LegalAidAsync(), "legal-aid");

    private Task<Guid> ConsentAsync(HttpClient referrer, Guid recipient, TimeSpan lasting, params string[] scope) =>
        ConsentForAsync(referrer, recipient, "legal-aid", lasting, scope);

    private async Task<Guid> ConsentForAsync(HttpClient referrer, Guid recipient, string purpose, TimeSpan lasting, params string[] scope) =>
        (await (await referrer.PostAsync("/api/referrals/consents", new
        {
            caseId,
            recipientOrganizationId = recipient,
            purpose,
            scope,
            expiresAt = service.Clock.GetUtcNow() + lasting,
        })).OkJsonAsync()).GetProperty("id").GetGuid();

    /// <summary>Refers the case to the legal-aid NGO's clinic under <paramref name="consentId"/>.</summary>
    private async Task<Guid> ReferAsync(HttpClient referrer, Guid consentId) =>
        (await (await referrer.PostAsync("/api/referrals", new
        {
            caseId,
            recipientOrganizationId = legalAid,
            serviceId = await LegalClinicAsync(),
            consentId,
            sharedData = new Dictionary<string, string> { ["contact-details"] = Contact, ["summary"] = Summary },
        })).OkJsonAsync()).GetProperty("id").GetGuid();

    [Fact]
    public async Task At_its_expiry_the_consent_ends_the_recipients_access_before_any_sweep_and_the_sweep_purges_and_erases_the_shared_copy()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(7), "contact-details", "summary");
        var referralId = await ReferAsync(referrer, consentId);

        var seen = await recipient.GetJsonAsync($"/api/referrals/{referralId}");
        seen.GetProperty("sharedData").GetProperty("summary").GetString().ShouldBe(Summary);
        seen.GetProperty("sharedData").EnumerateObject().Select(field => field.Name).ShouldBe(["contact-details", "summary"], ignoreOrder: true);

        service.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        (await recipient.GetAsync(new Uri($"/api/referrals/{referralId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recipient.GetJsonAsync("/api/referrals/list?direction=received")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(item => item.GetProperty("referralId").GetGuid() == referralId);
        (await referrer.GetJsonAsync($"/api/referrals/{referralId}")).GetProperty("sharedData").ValueKind.ShouldBe(JsonValueKind.Null);
        (await referrer.GetJsonAsync($"/api/referrals/consents/{consentId}")).GetProperty("status").GetString().ShouldBe("expired");

        await service.SweepAsync();
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.consent-expired.v1'", $"consent-{consentId}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-access-ended.v1'", $"referral-{referralId}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from shared_views where referral_id = $1", referralId)).ShouldBe(0);
        var dump = await PgDump.DataAsync(service.Database.ConnectionString);
        dump.ShouldNotContain(Summary);
        dump.ShouldNotContain(Contact);
        await service.SweepAsync();
        (await service.TextAsync("select string_agg(event_type, ' ' order by stream_version) from events where stream_id = $1", $"referral-{referralId}"))
            .ShouldBe("referrals.referral-requested.v1 referrals.referral-access-ended.v1 platform.subject-erased.v1");
    }

    [Fact]
    public async Task A_revocation_racing_a_sweep_ends_access_and_erases_once_answers_200_and_the_sweep_still_marks_others_overdue()
    {
        var referrer = await SchoolAsync();
        var revokedConsent = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var revoked = await ReferAsync(referrer, revokedConsent);
        var unanswered = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        service.Clock.Advance(TimeSpan.FromHours(73));
        using var consent = await referrer.GetAsync(new Uri($"/api/referrals/consents/{revokedConsent}", UriKind.Relative));
        var etag = consent.Headers.ETag!.Tag;

        var revoking = referrer.PostAsync($"/api/referrals/consents/{revokedConsent}/revocation", ifMatch: etag);
        await Task.WhenAll(revoking, service.SweepAsync(), service.SweepAsync());
        using (var revocation = await revoking)
        {
            revocation.StatusCode.ShouldBe(HttpStatusCode.OK, await revocation.Content.ReadAsStringAsync());
        }
        // The racing order a revocation request cut short and a sweep leave: each ends the referral again, finding it done.
        var store = service.Services.GetRequiredService<EventStore>();
        var metadata = EventMetadata.For(ReferralSweeper.Actor, Guid.CreateVersion7().ToString(), service.Clock.GetUtcNow());
        await AccessEndings.EndAsync(store, revoked, AccessEndReason.ConsentRevoked, metadata, CancellationToken.None);
        await service.SweepAsync();

        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-access-ended.v1'", $"referral-{revoked}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'platform.subject-erased.v1'", $"referral-{revoked}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-overdue.v1'", $"referral-{unanswered}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from shared_views where referral_id = $1", revoked)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unanswered_referral_becomes_overdue_at_its_deadline_and_re_routing_it_links_both_referrals()
    {
        var referrer = await SchoolAsync();
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var referralId = await ReferAsync(referrer, consentId);
        var requested = await referrer.GetJsonAsync($"/api/referrals/{referralId}");
        requested.GetProperty("respondBy").GetDateTimeOffset().ShouldBe(requested.GetProperty("requestedAt").GetDateTimeOffset() + TimeSpan.FromHours(72));

        service.Clock.Advance(TimeSpan.FromHours(71));
        await service.SweepAsync();
        (await referrer.GetJsonAsync($"/api/referrals/{referralId}")).GetProperty("overdue").GetBoolean().ShouldBeFalse();
        service.Clock.Advance(TimeSpan.FromHours(2));
        await service.SweepAsync();
        var overdue = await referrer.GetJsonAsync($"/api/referrals/{referralId}");
        overdue.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-overdue.v1'", $"referral-{referralId}")).ShouldBe(1);
        (await FhirAsync(referrer, referralId)).GetProperty("businessStatus").GetProperty("text").GetString().ShouldBe("overdue");

        var shelterConsent = await ConsentForAsync(referrer, shelter, "shelter", TimeSpan.FromDays(30), "contact-details", "summary");
        using var rerouted = await referrer.PostAsync($"/api/referrals/{referralId}/reroute", new
        {
            recipientOrganizationId = shelter,
            serviceId = await ReferralsFactory.PublishServiceAsync(await service.ClientAsync(shelter, "northside-shelter"), "shelter"),
            consentId = shelterConsent,
            sharedData = new Dictionary<string, string> { ["contact-details"] = Contact },
        }, ifMatch: $"\"{overdue.GetProperty("version").GetInt64()}\"");
        rerouted.StatusCode.ShouldBe(HttpStatusCode.Created, await rerouted.Content.ReadAsStringAsync());
        var newReferralId = (await rerouted.OkJsonAsync()).GetProperty("newReferralId").GetGuid();

        var old = await referrer.GetJsonAsync($"/api/referrals/{referralId}");
        old.GetProperty("reroutedTo").GetGuid().ShouldBe(newReferralId);
        old.GetProperty("status").GetString().ShouldBe("cancelled");
        old.GetProperty("businessStatus").GetString().ShouldBe("re-routed");
        var carried = await referrer.GetJsonAsync($"/api/referrals/{newReferralId}");
        carried.GetProperty("rerouteOf").GetGuid().ShouldBe(referralId);
        carried.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        carried.GetProperty("recipientOrganizationId").GetGuid().ShouldBe(shelter);
        // A shelter service answers within a day (Referrals:ServiceResponseTimes:shelter), not the default 72 hours.
        carried.GetProperty("respondBy").GetDateTimeOffset().ShouldBe(carried.GetProperty("requestedAt").GetDateTimeOffset() + TimeSpan.FromDays(1));
        (await service.ScalarAsync("select count(*) from shared_views where referral_id = $1", referralId)).ShouldBe(0);
    }

    [Fact]
    public async Task The_referral_reads_as_a_fhir_task_for_both_parties_and_no_one_else()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var stranger = await service.ClientAsync(shelter, "northside-shelter");
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var referralId = await ReferAsync(referrer, consentId);
        (await (await recipient.PostAsync($"/api/referrals/{referralId}/acceptance")).OkJsonAsync()).GetProperty("version").GetInt64().ShouldBe(2);

        using var response = await recipient.GetAsync(new Uri($"/api/referrals/fhir/Task/{referralId}", UriKind.Relative));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        var task = await FhirAsync(referrer, referralId);
        task.GetProperty("resourceType").GetString().ShouldBe("Task");
        task.GetProperty("id").GetGuid().ShouldBe(referralId);
        task.GetProperty("status").GetString().ShouldBe("accepted");
        task.GetProperty("intent").GetString().ShouldBe("order");
        task.GetProperty("requester").GetProperty("reference").GetString().ShouldBe($"Organization/{school}");
        task.GetProperty("owner").GetProperty("reference").GetString().ShouldBe($"Organization/{legalAid}");
        task.GetProperty("for").GetProperty("identifier").GetProperty("value").GetGuid().ShouldBe(caseId);
        task.GetProperty("restriction").GetProperty("period").GetProperty("end").GetDateTimeOffset()
            .ShouldBe((await referrer.GetJsonAsync($"/api/referrals/{referralId}")).GetProperty("consentExpiresAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        task.GetRawText().ShouldNotContain(Summary);
        var recipientsTask = await FhirAsync(recipient, referralId);
        recipientsTask.TryGetProperty("for", out _).ShouldBeFalse("the referring case is the referrer's own record");
        recipientsTask.GetRawText().ShouldNotContain(caseId.ToString());
        var recipientsView = await recipient.GetJsonAsync($"/api/referrals/{referralId}");
        recipientsView.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null);
        recipientsView.GetProperty("consentId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await referrer.GetJsonAsync($"/api/referrals/{referralId}")).GetProperty("consentId").GetGuid().ShouldBe(consentId);

        (await stranger.GetAsync(new Uri($"/api/referrals/fhir/Task/{referralId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync(new Uri($"/api/referrals/{referralId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/referrals/{referralId}/start")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recipient.GetAsync(new Uri($"/api/referrals/consents/{consentId}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.ScalarAsync("select count(*) from read_access_log where stream_id = $1 and reader_organization_id = $2",
            $"referral-{referralId}", legalAid.ToString())).ShouldBe(3); // the recipient's two FHIR reads and one of the referral
    }

    [Fact]
    public async Task A_legal_aid_consent_does_not_reach_the_same_organizations_shelter_service_and_nothing_is_stored()
    {
        var referrer = await SchoolAsync();
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "summary");
        var theirShelter = await ReferralsFactory.PublishServiceAsync(await LegalAidAsync(), "shelter");
        using var refused = await referrer.PostAsync("/api/referrals", new
        {
            caseId,
            recipientOrganizationId = legalAid,
            serviceId = theirShelter,
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = Summary },
        });
        (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("not listed under 'legal-aid'");
        (await service.ScalarAsync("select count(*) from events where event_type = 'referrals.referral-requested.v1' and data::text like $1",
            $"%{caseId}%")).ShouldBe(0);
    }

    [Fact]
    public async Task Each_side_takes_only_its_own_steps_and_a_stale_etag_is_refused()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "summary");
        using var outside = await referrer.PostAsync("/api/referrals", new
        {
            caseId,
            recipientOrganizationId = legalAid,
            serviceId = await LegalClinicAsync(),
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = "x", ["safety-plan"] = "y" },
        });
        (await outside.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("does not cover safety-plan");
        using var withoutConsent = await referrer.PostAsync("/api/referrals", new { caseId, recipientOrganizationId = legalAid, serviceId = Guid.CreateVersion7() });
        (await withoutConsent.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("consent");

        var shelterService = await ReferralsFactory.PublishServiceAsync(await service.ClientAsync(shelter, "northside-shelter"), "shelter");
        using var notOffered = await referrer.PostAsync("/api/referrals", new
        {
            caseId,
            recipientOrganizationId = legalAid,
            serviceId = shelterService,
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = "x" },
        });
        (await notOffered.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("does not offer this service");

        var referralId = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        (await (await referrer.PostAsync($"/api/referrals/{referralId}/acceptance")).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("Only the recipient organization");
        (await (await recipient.PostAsync($"/api/referrals/{referralId}/cancellation")).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("Only the referring organization");
        (await recipient.PostAsync($"/api/referrals/{referralId}/acceptance", ifMatch: "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await recipient.PostAsync($"/api/referrals/{referralId}/start", ifMatch: "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await (await recipient.PostAsync($"/api/referrals/{referralId}/completion", new { outcome = "service-provided" })).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("only one that is in-progress");
    }

    [Fact]
    public async Task An_override_lets_a_referral_through_without_consent_and_its_legal_basis_is_stored_sealed()
    {
        var referrer = await SchoolAsync();
        var legalBasis = $"Emergency protection order {tag} against the named respondent";
        var overrideId = (await (await referrer.PostAsync("/api/referrals/consents/overrides", new
        {
            caseId,
            recipientOrganizationId = legalAid,
            purpose = "legal-aid",
            scope = new[] { "contact-details", "summary" },
            ground = "risk-to-life",
            legalBasis,
            expiresAt = service.Clock.GetUtcNow() + TimeSpan.FromDays(2),
        })).OkJsonAsync()).GetProperty("id").GetGuid();

        var referralId = await ReferAsync(referrer, overrideId);
        (await (await LegalAidAsync()).GetJsonAsync($"/api/referrals/{referralId}")).GetProperty("sharedData")
            .GetProperty("summary").GetString().ShouldBe(Summary);
        (await service.ScalarAsync("select count(*) from events where data::text like '%' || $1 || '%'", tag)).ShouldBe(0);
        var recorded = (await service.Services.GetRequiredService<EventStore>().ReadStreamAsync($"consent-{overrideId}")).Single().Data;
        recorded.ShouldBeOfType<Referrals.Consents.SharingOverrideRecorded>().LegalBasis.ShouldBe(legalBasis);
    }

    private static async Task<JsonElement> FhirAsync(HttpClient client, Guid referralId)
    {
        using var response = await client.GetAsync(new Uri($"/api/referrals/fhir/Task/{referralId}", UriKind.Relative));
        return await response.OkJsonAsync();
    }
}
