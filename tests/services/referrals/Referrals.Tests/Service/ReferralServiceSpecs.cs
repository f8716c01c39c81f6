using System.Net;
using System.Text.Json;
using Cases.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.EventStore.Appending;
using Platform.EventStore.Privacy;
using Platform.Testing;
using Referrals.Consents;
using Referrals.Referring;
using Referrals.Referring.EndingAccess;
using Referrals.Sharing;
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

    private Task? caseOpened;

    /// <summary>The school's case, as cases announces it on the broker, the first time a spec names it.</summary>
    private Task CaseOpenedAsync() => caseOpened ??= service.OpenCaseAsync(caseId, school);

    /// <summary>The legal-aid NGO's service in the directory, published the first time a spec refers to it.</summary>
    private async Task<Guid> LegalClinicAsync() => legalClinic ??= await ReferralsFactory.PublishServiceAsync(await LegalAidAsync(), "legal-aid");

    private Task<Guid> ConsentAsync(HttpClient referrer, Guid recipient, TimeSpan lasting, params string[] scope) =>
        ConsentForAsync(referrer, recipient, "legal-aid", lasting, scope);

    private async Task<Guid> ConsentForAsync(HttpClient referrer, Guid recipient, string purpose, TimeSpan lasting, params string[] scope)
    {
        await CaseOpenedAsync();
        return await ConsentOnAsync(caseId, referrer, recipient, purpose, lasting, scope);
    }

    private async Task<Guid> ConsentOnAsync(Guid onCase, HttpClient referrer, Guid recipient, string purpose, TimeSpan lasting, params string[] scope) =>
        (await (await referrer.PostAsync("/api/referrals/consents", ConsentBody(onCase, recipient, purpose, lasting, scope))).OkJsonAsync())
            .GetProperty("id").GetGuid();

    private object ConsentBody(Guid onCase, Guid recipient, string purpose, TimeSpan lasting, params string[] scope) => new
    {
        caseId = onCase,
        recipientOrganizationId = recipient,
        purpose,
        scope,
        expiresAt = service.Clock.GetUtcNow() + lasting,
    };

    /// <summary>Refers the case to the legal-aid NGO's clinic under <paramref name="consentId"/>.</summary>
    private Task<Guid> ReferAsync(HttpClient referrer, Guid consentId) => ReferOnAsync(caseId, referrer, consentId, Summary);

    private async Task<Guid> ReferOnAsync(Guid onCase, HttpClient referrer, Guid consentId, string summary) =>
        (await (await referrer.PostAsync("/api/referrals", new
        {
            caseId = onCase,
            recipientOrganizationId = legalAid,
            serviceId = await LegalClinicAsync(),
            consentId,
            sharedData = new Dictionary<string, string> { ["contact-details"] = Contact, ["summary"] = summary },
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

        var expiresAt = (await referrer.GetJsonAsync($"/api/referrals/consents/{consentId}")).GetProperty("expiresAt").GetDateTimeOffset();
        await service.SweepAsync();
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.consent-expired.v1'", $"consent-{consentId}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-access-ended.v1'", $"referral-{referralId}")).ShouldBe(1);
        var ended = (await EventsOfAsync(referralId)).OfType<ReferralAccessEnded>().Single();
        ended.Reason.ShouldBe(AccessEndReason.ConsentExpired);
        ended.ConsentExpiredAt!.Value.ShouldBe(expiresAt, TimeSpan.FromMilliseconds(1)); // as PostgreSQL keeps it, to the microsecond
        ended.EndedAt.ShouldBeGreaterThan(expiresAt, "the sweep recorded it a minute after the expiry");
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
        await AccessEndings.EndAsync(store, revoked, AccessEndReason.ConsentRevoked, consentExpiredAt: null, metadata, CancellationToken.None);
        await service.SweepAsync();

        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-access-ended.v1'", $"referral-{revoked}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'platform.subject-erased.v1'", $"referral-{revoked}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-overdue.v1'", $"referral-{unanswered}")).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from shared_views where referral_id = $1", revoked)).ShouldBe(0);
        (await EventsOfAsync(revoked)).OfType<ReferralAccessEnded>().Single().ConsentExpiredAt.ShouldBeNull();
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
        await CaseOpenedAsync();
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

    [Fact]
    public async Task A_consent_override_or_referral_naming_a_case_not_opened_in_the_callers_organization_is_refused_alike_and_nothing_is_stored()
    {
        var referrer = await SchoolAsync();
        var theirs = Guid.CreateVersion7();
        await service.OpenCaseAsync(theirs, legalAid);
        var unknown = Guid.CreateVersion7();
        var answers = new List<string>();
        foreach (var named in new[] { theirs, unknown })
        {
            using var consent = await referrer.PostAsync("/api/referrals/consents", ConsentBody(named, shelter, "shelter", TimeSpan.FromDays(30), "summary"));
            answers.Add((await consent.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.Replace(named.ToString(), "{case}"));
            using var overriding = await referrer.PostAsync("/api/referrals/consents/overrides", new
            {
                caseId = named,
                recipientOrganizationId = shelter,
                purpose = "shelter",
                scope = new[] { "summary" },
                ground = "risk-to-life",
                legalBasis = "Protection from Harassment Act 1997",
                expiresAt = service.Clock.GetUtcNow() + TimeSpan.FromDays(2),
            });
            answers.Add((await overriding.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.Replace(named.ToString(), "{case}"));
        }
        // Another organization's case and a case nobody opened get the same answer: it tells nothing of the other's case.
        answers.Distinct().ShouldHaveSingleItem().ShouldContain("knows no case '{case}' of this organization");

        // A consent recorded before cases were checked cannot carry a referral of a case that is not the referrer's own either.
        var legacy = Guid.CreateVersion7();
        await service.Services.GetRequiredService<EventStore>().AppendAsync(ConsentStreams.Id(legacy), ExpectedVersion.NoStream,
            [EventToAppend.New(new ConsentGranted(legacy, school, theirs, legalAid, ReferralPurpose.LegalAid, [ShareableField.Summary],
                service.Clock.GetUtcNow() + TimeSpan.FromDays(30), "riverside-school", service.Clock.GetUtcNow()))],
            EventMetadata.For(new Actor("riverside-school", school.ToString(), null), "legacy", service.Clock.GetUtcNow()));
        using var referral = await referrer.PostAsync("/api/referrals", new
        {
            caseId = theirs,
            recipientOrganizationId = legalAid,
            serviceId = await LegalClinicAsync(),
            consentId = legacy,
            sharedData = new Dictionary<string, string> { ["summary"] = Summary },
        });
        (await referral.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain($"knows no case '{theirs}'");
        (await service.ScalarAsync("select count(*) from events where data->>'caseId' in ($1, $2) and stream_id <> $3",
            theirs.ToString(), unknown.ToString(), ConsentStreams.Id(legacy))).ShouldBe(0);
    }

    [Fact]
    public async Task A_case_referrals_has_not_heard_of_yet_is_refused_with_a_retry_and_the_same_consent_is_recorded_once_its_opening_arrives_however_often()
    {
        var referrer = await SchoolAsync();
        var consent = ConsentBody(caseId, legalAid, "legal-aid", TimeSpan.FromDays(30), "summary");
        using (var early = await referrer.PostAsync("/api/referrals/consents", consent))
        {
            (await early.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("retry shortly");
        }

        var deliveries = new Deliveries<CaseOpened>();
        using var observing = service.Bus.ConnectConsumeMessageObserver(deliveries);
        var opening = Guid.CreateVersion7();
        var opened = new CaseOpened(caseId, school, null, service.Clock.GetUtcNow());
        await service.Bus.Publish(opened, context => context.MessageId = opening);
        await service.Bus.Publish(opened, context => context.MessageId = opening); // redelivered
        await service.Bus.Publish(opened); // announced again, under another message id
        await deliveries.WaitForAsync(opening, 2);
        await deliveries.WaitForAsync(caseId, 3);

        using (var retried = await referrer.PostAsync("/api/referrals/consents", consent))
        {
            retried.StatusCode.ShouldBe(HttpStatusCode.Created, await retried.Content.ReadAsStringAsync());
        }
        (await service.ScalarAsync("select count(*) from case_organizations where case_id = $1", caseId)).ShouldBe(1);
    }

    [Fact]
    public async Task Erasing_a_person_of_the_case_ends_every_consent_and_referral_of_it_once_and_leaves_none_of_its_shared_data_while_other_cases_keep_theirs()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var firstConsent = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var accepted = await ReferAsync(referrer, firstConsent);
        (await recipient.PostAsync($"/api/referrals/{accepted}/acceptance")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondConsent = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var requested = await ReferAsync(referrer, secondConsent);
        var otherCase = Guid.CreateVersion7();
        await service.OpenCaseAsync(otherCase, school);
        var otherConsent = await ConsentOnAsync(otherCase, referrer, legalAid, "legal-aid", TimeSpan.FromDays(30), "contact-details", "summary");
        var otherSummary = $"Another case entirely {tag}.";
        var other = await ReferOnAsync(otherCase, referrer, otherConsent, otherSummary);

        var deliveries = new Deliveries<CaseSubjectErased>();
        using var observing = service.Bus.ConnectConsumeMessageObserver(deliveries);
        var erasure = Guid.CreateVersion7();
        var erased = new CaseSubjectErased(caseId, school, Guid.CreateVersion7(), service.Clock.GetUtcNow());
        await service.Bus.Publish(erased, context => context.MessageId = erasure);
        await service.Bus.Publish(erased, context => context.MessageId = erasure); // redelivered
        await deliveries.WaitForAsync(erasure, 2);

        foreach (var consentId in new[] { firstConsent, secondConsent })
        {
            (await referrer.GetJsonAsync($"/api/referrals/consents/{consentId}")).GetProperty("status").GetString().ShouldBe("erased");
        }
        (await referrer.GetJsonAsync($"/api/referrals/consents/{otherConsent}")).GetProperty("status").GetString().ShouldBe("active");
        (await recipient.GetAsync(new Uri($"/api/referrals/{accepted}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recipient.GetAsync(new Uri($"/api/referrals/{requested}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recipient.PostAsync($"/api/referrals/{accepted}/start")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await recipient.GetJsonAsync($"/api/referrals/{other}")).GetProperty("sharedData").GetProperty("summary").GetString().ShouldBe(otherSummary);
        (await EventTypesOfAsync(accepted)).ShouldBe(
            "referrals.referral-requested.v1 referrals.referral-accepted.v1 referrals.referral-access-ended.v1 platform.subject-erased.v1");
        (await EventTypesOfAsync(requested)).ShouldBe("referrals.referral-requested.v1 referrals.referral-access-ended.v1 platform.subject-erased.v1");
        (await EventsOfAsync(requested)).OfType<ReferralAccessEnded>().Single().Reason.ShouldBe(AccessEndReason.CaseDataErased);
        (await service.ScalarAsync("select count(*) from events where stream_id in ($1, $2) and event_type = 'referrals.consent-ended-by-erasure.v1'",
            ConsentStreams.Id(firstConsent), ConsentStreams.Id(secondConsent))).ShouldBe(2);
        (await service.ScalarAsync("select count(*) from shared_views where referral_id in ($1, $2)", accepted, requested)).ShouldBe(0);
        var dump = await PgDump.DataAsync(service.Database.ConnectionString);
        dump.ShouldNotContain(Summary);
        dump.ShouldContain(otherSummary);
        (await (await referrer.PostAsync($"/api/referrals/consents/{firstConsent}/revocation")).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("erased");

        // The referrer shares anew under a new consent; the same erasure published again later (cases' forwarder replayed) leaves it be.
        var renewed = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        await service.Bus.Publish(erased, context => context.MessageId = erasure);
        await deliveries.WaitForAsync(erasure, 3);
        (await recipient.GetJsonAsync($"/api/referrals/{renewed}")).GetProperty("sharedData").GetProperty("summary").GetString().ShouldBe(Summary);
    }

    [Fact]
    public async Task Rejecting_cancelling_or_re_routing_a_referral_erases_its_sealed_copy_and_the_referral_it_is_re_routed_to_keeps_its_own()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var rejected = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        using (var rejection = await recipient.PostAsync($"/api/referrals/{rejected}/rejection", new { reason = "no-capacity" }))
        {
            (await rejection.OkJsonAsync()).GetProperty("version").GetInt64().ShouldBe(3);
            rejection.Headers.ETag!.Tag.ShouldBe("\"3\"");
        }
        var cancelled = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        (await referrer.PostAsync($"/api/referrals/{cancelled}/cancellation", new { reason = "no-longer-needed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rerouted = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        var shelterContact = $"call the school office {tag}";
        var carried = (await (await referrer.PostAsync($"/api/referrals/{rerouted}/reroute", new
        {
            recipientOrganizationId = shelter,
            serviceId = await ReferralsFactory.PublishServiceAsync(await service.ClientAsync(shelter, "northside-shelter"), "shelter"),
            consentId = await ConsentForAsync(referrer, shelter, "shelter", TimeSpan.FromDays(30), "contact-details"),
            sharedData = new Dictionary<string, string> { ["contact-details"] = shelterContact },
        })).OkJsonAsync()).GetProperty("newReferralId").GetGuid();

        (await EventTypesOfAsync(rejected)).ShouldBe("referrals.referral-requested.v1 referrals.referral-rejected.v1 platform.subject-erased.v1");
        (await EventTypesOfAsync(cancelled)).ShouldBe("referrals.referral-requested.v1 referrals.referral-cancelled.v1 platform.subject-erased.v1");
        (await EventTypesOfAsync(rerouted)).ShouldBe("referrals.referral-requested.v1 referrals.referral-rerouted.v1 platform.subject-erased.v1");
        (await EventTypesOfAsync(carried)).ShouldBe("referrals.referral-requested.v1");
        (await EventsOfAsync(cancelled)).OfType<ReferralCancelled>().Single().RecipientHasAccess.ShouldBeTrue("the consent lasted: the recipient is told");
        (await EventsOfAsync(rerouted)).OfType<ReferralRerouted>().Single().RecipientHasAccess.ShouldBeTrue();
        foreach (var ended in new[] { rejected, cancelled, rerouted })
        {
            (await EventsOfAsync(ended)).OfType<ReferralRequested>().Single().SharedData.Summary.ShouldBe(PersonalData.ErasedMarker);
        }
        // The recipient still reads the referral it turned down while the consent lasts, without the data.
        var turnedDown = await recipient.GetJsonAsync($"/api/referrals/{rejected}");
        turnedDown.GetProperty("status").GetString().ShouldBe("rejected");
        turnedDown.GetProperty("sharedData").ValueKind.ShouldBe(JsonValueKind.Null);
        (await (await service.ClientAsync(shelter, "northside-shelter")).GetJsonAsync($"/api/referrals/{carried}"))
            .GetProperty("sharedData").GetProperty("contact-details").GetString().ShouldBe(shelterContact);
        var dump = await PgDump.DataAsync(service.Database.ConnectionString);
        dump.ShouldNotContain(Summary);
        dump.ShouldNotContain(Contact);
        dump.ShouldContain(shelterContact);
    }

    [Fact]
    public async Task A_referral_cancelled_or_re_routed_after_its_consent_expired_but_before_any_sweep_records_that_its_recipient_is_not_told()
    {
        var referrer = await SchoolAsync();
        var cancelled = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(7), "contact-details", "summary"));
        var rerouted = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(7), "contact-details", "summary"));

        service.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        (await referrer.PostAsync($"/api/referrals/{cancelled}/cancellation", new { reason = "no-longer-needed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await referrer.PostAsync($"/api/referrals/{rerouted}/reroute", new
        {
            recipientOrganizationId = shelter,
            serviceId = await ReferralsFactory.PublishServiceAsync(await service.ClientAsync(shelter, "northside-shelter"), "shelter"),
            consentId = await ConsentForAsync(referrer, shelter, "shelter", TimeSpan.FromDays(30), "summary"),
            sharedData = new Dictionary<string, string> { ["summary"] = Summary },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await EventsOfAsync(cancelled)).OfType<ReferralCancelled>().Single().RecipientHasAccess.ShouldBeFalse();
        (await EventsOfAsync(rerouted)).OfType<ReferralRerouted>().Single().RecipientHasAccess.ShouldBeFalse();
        // No sweep ran: only the consent's expiry said the access had ended.
        (await EventTypesOfAsync(cancelled)).ShouldBe("referrals.referral-requested.v1 referrals.referral-cancelled.v1 platform.subject-erased.v1");
    }

    [Fact]
    public async Task The_sweep_erases_the_copy_of_a_referral_turned_down_by_a_request_cut_short_before_its_erasure_once()
    {
        var referrer = await SchoolAsync();
        var referralId = await ReferAsync(referrer, await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary"));
        var store = service.Services.GetRequiredService<EventStore>();
        await store.AppendAsync(ReferralStreams.Id(referralId), ExpectedVersion.Exactly(1),
            [EventToAppend.New(new ReferralRejected(referralId, new(caseId, school, legalAid), ResponseReason.NoCapacity, "harbour-legal-aid",
                service.Clock.GetUtcNow()))],
            EventMetadata.For(new Actor("harbour-legal-aid", legalAid.ToString(), null), "cut-short", service.Clock.GetUtcNow()));
        (await EventsOfAsync(referralId)).OfType<ReferralRequested>().Single().SharedData.Summary.ShouldBe(Summary);

        await service.SweepAsync();
        await service.SweepAsync();

        (await EventTypesOfAsync(referralId)).ShouldBe("referrals.referral-requested.v1 referrals.referral-rejected.v1 platform.subject-erased.v1");
        (await PgDump.DataAsync(service.Database.ConnectionString)).ShouldNotContain(Summary);
    }

    [Fact]
    public async Task A_recipients_step_without_if_match_that_loses_the_race_to_the_sweeper_ending_access_is_decided_again_and_answers_404()
    {
        var referrer = await SchoolAsync();
        var recipient = await LegalAidAsync();
        var consentId = await ConsentAsync(referrer, legalAid, TimeSpan.FromDays(30), "contact-details", "summary");
        var referralId = await ReferAsync(referrer, consentId);
        var store = service.Services.GetRequiredService<EventStore>();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The sweeper ends access in a transaction that is still open when the recipient's acceptance
        // has loaded the referral and tries to append: the acceptance waits on the stream's unique
        // version, and loses the moment the ending commits.
        var ending = store.InTransactionAsync(async (transaction, token) =>
        {
            var appended = await transaction.AppendAsync(ReferralStreams.Id(referralId), ExpectedVersion.Exactly(1),
                [EventToAppend.New(new ReferralAccessEnded(referralId, new(caseId, school, legalAid), consentId, AccessEndReason.ConsentRevoked, null,
                    service.Clock.GetUtcNow()))],
                EventMetadata.For(ReferralSweeper.Actor, Guid.CreateVersion7().ToString(), service.Clock.GetUtcNow()), token);
            held.SetResult();
            await release.Task;
            return appended;
        });
        await held.Task;
        var accepting = recipient.PostAsync($"/api/referrals/{referralId}/acceptance");
        await ReferralsFactory.EventuallyAsync(async () => accepting.IsCompleted || await service.ScalarAsync(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0,
            "the acceptance never reached its append");
        accepting.IsCompleted.ShouldBeFalse("the acceptance waits for the ending's transaction");
        release.SetResult();
        await ending;

        using var accepted = await accepting;
        (await accepted.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("No such referral");
        (await EventTypesOfAsync(referralId)).ShouldBe("referrals.referral-requested.v1 referrals.referral-access-ended.v1");
    }

    private async Task<List<object>> EventsOfAsync(Guid referralId) =>
        [.. (await service.Services.GetRequiredService<EventStore>().ReadStreamAsync(ReferralStreams.Id(referralId))).Select(recorded => recorded.Data)];

    private Task<string?> EventTypesOfAsync(Guid referralId) =>
        service.TextAsync("select string_agg(event_type, ' ' order by stream_version) from events where stream_id = $1", ReferralStreams.Id(referralId));

    private static async Task<JsonElement> FhirAsync(HttpClient client, Guid referralId)
    {
        using var response = await client.GetAsync(new Uri($"/api/referrals/fhir/Task/{referralId}", UriKind.Relative));
        return await response.OkJsonAsync();
    }
}
