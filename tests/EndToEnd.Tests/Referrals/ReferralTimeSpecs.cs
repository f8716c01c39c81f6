using System.Net;

namespace EndToEnd.Tests.Referrals;

/// <summary>
/// What time does to referrals, end to end: the referral service runs as its own process, so the
/// specs move its clock (its Testing-only MovableClock, see RunningPlatform) instead of waiting days.
/// A class of its own: moving the clock would age every other spec's consents and deadlines.
/// </summary>
public sealed class ReferralTimeSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private readonly ReferralsClient referrals = new(platform);

    // The service's clock runs ahead of this machine's by whatever the specs of this class moved it: times are taken from it.
    private async Task<Guid> ConsentAsync(Partner school, Partner recipient, Guid caseId, TimeSpan lasting, string purpose) =>
        (await referrals.OkAsync(HttpMethod.Post, "/api/referrals/consents", school, new
        {
            caseId,
            recipientOrganizationId = recipient.OrganizationId,
            purpose,
            scope = new[] { "summary" },
            expiresAt = await referrals.ClockAsync() + lasting,
        })).GetProperty("id").GetGuid();

    private async Task<(Guid ConsentId, Guid ReferralId)> ReferAsync(Partner school, Partner ngo, Guid caseId, string summary, TimeSpan consentLasting) =>
        await referrals.ReferAsync(school, ngo, caseId, new Dictionary<string, string> { ["summary"] = summary }, await referrals.ClockAsync() + consentLasting);

    [Fact]
    public async Task A_consent_expires_by_moved_time_and_the_ngo_then_gets_404_and_its_shared_view_holds_none_of_the_data()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.RegisterAsync("legal-aid", "expiry-legal-aid");
        var caseId = await referrals.CaseFromReportAsync(school, tag);
        var summary = $"Followed home from school twice {tag}.";
        var (consentId, referralId) = await ReferAsync(school, ngo, caseId, summary, TimeSpan.FromDays(14));
        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo)).GetProperty("sharedData").GetProperty("summary").GetString()
            .ShouldBe(summary);
        await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/acceptance", ngo);

        await referrals.MoveClockAsync(TimeSpan.FromDays(15));

        using (var gone = await referrals.SendAsync(HttpMethod.Get, $"/api/referrals/{referralId}", ngo))
        {
            gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/consents/{consentId}", school)).GetProperty("status").GetString().ShouldBe("expired");
        (await referrals.CountAsync("select count(*) from shared_views where referral_id = $1", referralId)).ShouldBe(0);
        (await referrals.CountAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.consent-expired.v1'", $"consent-{consentId}"))
            .ShouldBe(1);
        (await referrals.DumpAsync()).ShouldNotContain(summary);
        (await referrals.ReferralStepsAsync(school, caseId, 3)).Select(step => step.GetProperty("step").GetString())
            .ShouldBe(["requested", "accepted", "access-ended"]);
    }

    [Fact]
    public async Task After_the_consent_expired_and_before_any_sweep_the_ngos_writes_and_reads_get_404_and_the_sweep_then_records_the_expiry()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.RegisterAsync("legal-aid", "unswept-legal-aid");
        var caseId = await referrals.CaseFromReportAsync(school, tag);
        var expiresAt = await referrals.ClockAsync() + TimeSpan.FromDays(3);
        var (consentId, referralId) = await referrals.ReferAsync(
            school, ngo, caseId, new Dictionary<string, string> { ["summary"] = $"Messages at night from a colleague {tag}." }, expiresAt);
        await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/acceptance", ngo);

        await referrals.MoveClockAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1), sweep: false);

        foreach (var (method, path) in new[] { (HttpMethod.Post, "start"), (HttpMethod.Post, "failure"), (HttpMethod.Get, "") })
        {
            using var refused = await referrals.SendAsync(method, $"/api/referrals/{referralId}/{path}".TrimEnd('/'), ngo,
                method == HttpMethod.Post ? new { reason = "person-unreachable" } : null);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}: {await refused.Content.ReadAsStringAsync()}");
        }
        // No sweep has run: nothing records the expiry yet, and the refused writes recorded nothing either.
        (await referrals.CountAsync("select count(*) from events where stream_id = $1", $"consent-{consentId}")).ShouldBe(1);
        (await referrals.CountAsync("select count(*) from events where stream_id = $1", $"referral-{referralId}")).ShouldBe(2);

        await referrals.MoveClockAsync(TimeSpan.FromSeconds(1));

        (await referrals.CountAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.consent-expired.v1'", $"consent-{consentId}"))
            .ShouldBe(1);
        var ended = (await referrals.ReferralStepsAsync(school, caseId, 3))[2];
        ended.GetProperty("step").GetString().ShouldBe("access-ended");
        ended.GetProperty("detail").GetString().ShouldBe("consent-expired");
        // PostgreSQL keeps microseconds: the expiry comes back within one of what was asked.
        (ended.GetProperty("consentExpiredAt").GetDateTimeOffset() - expiresAt).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task An_unanswered_referral_becomes_overdue_when_its_deadline_passes_on_moved_time_and_a_re_route_links_both_referrals()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.RegisterAsync("legal-aid", "silent-legal-aid");
        var counselling = await referrals.DemoPartnerAsync("open-door-counselling");
        var caseId = await referrals.CaseFromReportAsync(school, tag);
        var (_, referralId) = await ReferAsync(school, ngo, caseId, $"Needs advice on a restraining order {tag}.", TimeSpan.FromDays(60));

        await referrals.MoveClockAsync(TimeSpan.FromHours(73));

        var overdue = await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", school);
        overdue.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        overdue.GetProperty("status").GetString().ShouldBe("requested");
        (await referrals.CountAsync("select count(*) from events where stream_id = $1 and event_type = 'referrals.referral-overdue.v1'", $"referral-{referralId}"))
            .ShouldBe(1);

        var counsellingConsent = await ConsentAsync(school, counselling, caseId, TimeSpan.FromDays(60), "counselling");
        var rerouted = await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/reroute", school, new
        {
            recipientOrganizationId = counselling.OrganizationId,
            serviceId = await referrals.PublishServiceAsync(counselling, "counselling"),
            consentId = counsellingConsent,
            sharedData = new Dictionary<string, string> { ["summary"] = $"Counselling first {tag}." },
        }, ifMatch: $"\"{overdue.GetProperty("version").GetInt64()}\"");
        var newReferralId = rerouted.GetProperty("newReferralId").GetGuid();

        (await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{referralId}", school)).GetProperty("reroutedTo").GetGuid().ShouldBe(newReferralId);
        var carried = await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{newReferralId}", school);
        carried.GetProperty("rerouteOf").GetGuid().ShouldBe(referralId);
        carried.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        // The new recipient is not told the referrer's case, nor that the person was sent elsewhere first.
        var received = await referrals.OkAsync(HttpMethod.Get, $"/api/referrals/{newReferralId}", counselling);
        received.GetProperty("rerouteOf").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        received.GetProperty("caseId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        received.GetProperty("consentId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var steps = await referrals.ReferralStepsAsync(school, caseId, 4);
        steps.Where(step => step.GetProperty("referralId").GetGuid() == referralId).Select(step => step.GetProperty("step").GetString())
            .ShouldBe(["requested", "overdue", "re-routed"]);
        steps.ShouldContain(step => step.GetProperty("referralId").GetGuid() == newReferralId && step.GetProperty("relatedReferralId").GetGuid() == referralId);
    }
}
