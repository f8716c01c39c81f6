using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests.Referrals;

/// <summary>
/// A school's case referred to a legal-aid NGO through the gateway, every service its own process on
/// real PostgreSQL and RabbitMQ: the NGO sees exactly what the survivor consented to share, answers,
/// works and reports back, and the school's case timeline shows each step; revoking the consent
/// takes the NGO's access and the shared data away.
/// </summary>
public sealed class ReferralLoopSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private readonly ReferralsClient referrals = new(platform);

    [Fact]
    public async Task A_school_refers_its_case_to_a_legal_aid_ngo_which_sees_only_the_consented_fields_closes_the_loop_and_loses_them_on_revocation()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.RegisterAsync("legal-aid", "harbour-legal-aid");
        var stranger = await referrals.DemoPartnerAsync("northwind-logistics");
        var caseId = await referrals.CaseFromReportAsync(school, tag);
        var published = await referrals.PublishServiceAsync(ngo, "legal-aid");
        var found = await referrals.OkAsync(HttpMethod.Get,
            $"{DirectoryClient.Prefix}/services?taxonomy=legal-aid&organization={ngo.OrganizationId}&limit=200", school);
        var serviceId = found.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ShouldHaveSingleItem();
        serviceId.ShouldBe(published);

        var consent = await referrals.OkAsync(HttpMethod.Post, "/api/referrals/consents", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            purpose = "legal-aid",
            scope = new[] { "contact-details", "summary" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        var consentId = consent.GetProperty("id").GetGuid();
        var contact = $"alex.{tag}@example.org, after 5pm";
        var summary = $"Repeated unwanted comments and touching after practice {tag}.";
        using (var beyondScope = await referrals.SendAsync(HttpMethod.Post, "/api/referrals", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            serviceId,
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = summary, ["safety-plan"] = $"Stays with her aunt {tag}" },
        }))
        {
            beyondScope.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "a field outside the consent's scope never leaves the organization");
        }
        (await referrals.CountAsync("select count(*) from events where event_type = 'referrals.referral-requested.v1' and data::text like '%' || $1 || '%'", caseId.ToString()))
            .ShouldBe(0);
        var referralId = (await referrals.OkAsync(HttpMethod.Post, "/api/referrals", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            serviceId,
            consentId,
            sharedData = new Dictionary<string, string> { ["contact-details"] = contact, ["summary"] = summary },
        })).GetProperty("id").GetGuid();

        var inbox = await referrals.OkAsync(HttpMethod.Get, "/api/referrals/list?direction=received", ngo);
        inbox.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("referralId").GetGuid()).ShouldContain(referralId);
        var seen = await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo);
        seen.GetProperty("sharedData").EnumerateObject().Select(field => (field.Name, field.Value.GetString()))
            .ShouldBe([("contact-details", contact), ("summary", summary)], ignoreOrder: true);
        seen.GetProperty("sharedFields").EnumerateArray().Select(field => field.GetString()).ShouldBe(["contact-details", "summary"]);
        (await StatusAsync(HttpMethod.Get, $"/api/referrals/{referralId}", stranger)).ShouldBe(HttpStatusCode.NotFound);

        string[] steps = ["acceptance", "start", "hold", "start", "completion"];
        object[] bodies = [new { }, new { }, new { reason = "waiting-for-person" }, new { }, new { outcome = "service-provided" }];
        for (var i = 0; i < steps.Length; i++)
        {
            await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/{steps[i]}", ngo, bodies[i]);
        }
        var task = await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/fhir/Task/{referralId}", ngo);
        task.GetProperty("status").GetString().ShouldBe("completed");
        task.GetProperty("businessStatus").GetProperty("text").GetString().ShouldBe("service-provided");

        var loop = await referrals.ReferralStepsAsync(school, caseId, 6);
        loop.Select(step => step.GetProperty("step").GetString()).ShouldBe(["requested", "accepted", "in-progress", "on-hold", "in-progress", "completed"]);
        loop.ShouldAllBe(step => step.GetProperty("referralId").GetGuid() == referralId);
        loop[0].GetProperty("sharedFields").EnumerateArray().Select(field => field.GetString()).ShouldBe(["contact-details", "summary"]);

        await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/consents/{consentId}/revocation", school, new { }, ifMatch: "\"1\"");
        (await StatusAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo)).ShouldBe(HttpStatusCode.NotFound);
        (await StatusAsync(HttpMethod.Get, $"/api/referrals/fhir/Task/{referralId}", ngo)).ShouldBe(HttpStatusCode.NotFound);
        (await referrals.OkAsync(HttpMethod.Get, "/api/referrals/list?direction=received", ngo)).GetProperty("items").EnumerateArray()
            .ShouldNotContain(item => item.GetProperty("referralId").GetGuid() == referralId);
        (await referrals.CountAsync("select count(*) from shared_views where referral_id = $1", referralId)).ShouldBe(0);
        var dump = await referrals.DumpAsync();
        dump.ShouldNotContain(summary);
        dump.ShouldNotContain(contact);
        (await referrals.ReferralStepsAsync(school, caseId, 7))[6].GetProperty("step").GetString().ShouldBe("access-ended");
    }

    [Fact]
    public async Task A_referral_without_consent_or_override_or_to_an_organization_that_does_not_offer_the_service_is_refused_with_a_clear_problem()
    {
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.DemoPartnerAsync("safe-harbour");
        var counselling = await referrals.DemoPartnerAsync("open-door-counselling");
        var ngoService = await referrals.PublishServiceAsync(ngo, "advocacy");
        var counsellingService = await referrals.PublishServiceAsync(counselling, "counselling");
        var caseId = await referrals.OpenCaseAsync(school);
        var sharedData = new Dictionary<string, string> { ["summary"] = "Harassed by a coach." };

        using (var response = await referrals.SendAsync(HttpMethod.Post, "/api/referrals", school,
            new { caseId, recipientOrganizationId = ngo.OrganizationId, serviceId = ngoService, sharedData }))
        {
            (await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!
                .ShouldContain("needs the affected person's consent, or a recorded override");
        }

        var consentId = (await referrals.OkAsync(HttpMethod.Post, "/api/referrals/consents", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            purpose = "advocacy",
            scope = new[] { "summary" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        })).GetProperty("id").GetGuid();
        using (var response = await referrals.SendAsync(HttpMethod.Post, "/api/referrals", school,
            new { caseId, recipientOrganizationId = ngo.OrganizationId, serviceId = counsellingService, consentId, sharedData }))
        {
            (await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!
                .ShouldContain("does not offer this service");
        }
    }

    [Fact]
    public async Task A_consent_naming_a_case_of_another_organization_is_refused_like_one_naming_no_case_at_all()
    {
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.DemoPartnerAsync("safe-harbour");
        var theirs = await referrals.OpenCaseAsync(await referrals.DemoPartnerAsync("northwind-logistics"));
        var details = new List<string>();
        foreach (var caseId in new[] { theirs, Guid.CreateVersion7() })
        {
            using var response = await referrals.SendAsync(HttpMethod.Post, "/api/referrals/consents", school, new
            {
                caseId,
                recipientOrganizationId = ngo.OrganizationId,
                purpose = "advocacy",
                scope = new[] { "summary" },
                expiresAt = DateTimeOffset.UtcNow.AddDays(30),
            });
            details.Add((await ProblemAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.Replace(caseId.ToString(), "{case}"));
        }
        details.Distinct().ShouldHaveSingleItem().ShouldContain("knows no case '{case}' of this organization");
    }

    [Fact]
    public async Task Erasing_the_affected_person_in_cases_ends_the_ngos_access_and_leaves_none_of_the_shared_data_in_referrals()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.RegisterAsync("legal-aid", "erasure-legal-aid");
        var caseId = await referrals.CaseFromReportAsync(school, tag);
        var contact = $"sam.{tag}@example.org";
        var summary = $"Threatened after reporting the manager {tag}.";
        var (consentId, referralId) = await referrals.ReferAsync(school, ngo, caseId,
            new Dictionary<string, string> { ["contact-details"] = contact, ["summary"] = summary }, DateTimeOffset.UtcNow.AddDays(30));
        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo)).GetProperty("sharedData").GetProperty("summary").GetString()
            .ShouldBe(summary);
        await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/acceptance", ngo);

        await referrals.OkAsync(HttpMethod.Post, $"/api/cases/{caseId}/erasures", school, new { subject = "affected-person", ground = "data-subject-request" });

        await ReferralsClient.EventuallyAsync(async () => await StatusAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo) == HttpStatusCode.NotFound
            ? (bool?)true : null, "the NGO still reads the referral of an erased person");
        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/consents/{consentId}", school)).GetProperty("status").GetString().ShouldBe("erased");
        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", school)).GetProperty("sharedData").ValueKind.ShouldBe(JsonValueKind.Null);
        await ReferralsClient.EventuallyAsync(async () => await referrals.CountAsync(
            "select count(*) from events where stream_id = $1 and event_type = 'platform.subject-erased.v1'", $"referral-{referralId}") == 1 ? (bool?)true : null,
            "the referral's sealed copy was not erased");
        (await referrals.CountAsync("select count(*) from shared_views where referral_id = $1", referralId)).ShouldBe(0);
        var dump = await referrals.DumpAsync();
        dump.ShouldNotContain(summary);
        dump.ShouldNotContain(contact);
        var steps = await referrals.ReferralStepsAsync(school, caseId, 3);
        steps.Select(step => (step.GetProperty("step").GetString(), step.GetProperty("detail").GetString()))
            .ShouldBe([("requested", null), ("accepted", null), ("access-ended", "case-data-erased")]);
    }

    private async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, Partner caller)
    {
        using var response = await referrals.SendAsync(method, path, caller);
        return response.StatusCode;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
