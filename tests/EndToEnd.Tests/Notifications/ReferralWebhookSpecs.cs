using System.Net;
using System.Text.Json;
using EndToEnd.Tests.Referrals;
using Npgsql;

namespace EndToEnd.Tests.Notifications;

/// <summary>
/// Referrals' events as webhooks, every service its own process behind the gateway: each step of a referral
/// reaches both sides, the school that referred and the NGO it referred to, signed, each about the referral
/// it can read and with what it may know, and never a third organization.
/// </summary>
public sealed class ReferralWebhookSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>, IAsyncLifetime
{
    private static readonly string[] ReferralTypes =
    [
        "referrals.referral-requested.v1", "referrals.referral-accepted.v1", "referrals.referral-rejected.v1", "referrals.referral-in-progress.v1",
        "referrals.referral-on-hold.v1", "referrals.referral-completed.v1", "referrals.referral-failed.v1", "referrals.referral-cancelled.v1",
        "referrals.referral-status-changed.v1", "referrals.referral-overdue.v1", "referrals.referral-rerouted.v1", "referrals.referral-access-ended.v1",
    ];

    private readonly ReferralsClient referrals = new(platform);
    private PartnerReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await PartnerReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Each_step_of_a_referral_is_a_signed_webhook_at_the_school_and_at_the_ngo_each_about_what_it_can_read_and_at_no_other_organization()
    {
        var school = await referrals.DemoPartnerAsync("riverside-school");
        var ngo = await referrals.DemoPartnerAsync("safe-harbour");
        var employer = await referrals.DemoPartnerAsync("northwind-logistics");
        await RegisterAsync(school, "/school", ReferralTypes);
        await RegisterAsync(ngo, "/ngo", ReferralTypes);
        // The employer wants every referral type too, and its own cases: its endpoint works, and this is all it gets.
        await RegisterAsync(employer, "/employer", [.. ReferralTypes, "cases.case-opened.v1"]);
        var employerCase = (await referrals.OkAsync(HttpMethod.Post, "/api/cases", employer, new { kind = "sexual-harassment", setting = "workplace" }))
            .GetProperty("caseId").GetGuid();

        var caseId = (await referrals.OkAsync(HttpMethod.Post, "/api/cases", school, new { kind = "bullying", setting = "school" })).GetProperty("caseId").GetGuid();
        var serviceId = await referrals.PublishServiceAsync(ngo, "advocacy");
        var consentId = await referrals.ConsentAsync(school, caseId, ngo, "advocacy", "summary");
        var referralId = (await referrals.OkAsync(HttpMethod.Post, "/api/referrals", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            serviceId,
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = "Pushed and insulted after class." },
        })).GetProperty("id").GetGuid();

        // What the NGO is told it can fetch, it can: the subject is the referral, as the NGO reads it.
        await receiver.WaitUntilAsync(r => r.Any(w => w.Path == "/ngo" && Type(w) == "referrals.referral-requested.v1"), "the NGO's referral-requested webhook");
        var subject = JsonDocument.Parse(receiver.Received.First(w => w.Path == "/ngo").Body).RootElement.GetProperty("subject").GetString()!;
        subject.ShouldBe($"/api/referrals/{referralId}");
        var asNgo = await referrals.OkAsync(HttpMethod.Get, subject, ngo);
        asNgo.GetProperty("referralId").GetGuid().ShouldBe(referralId);
        asNgo.GetProperty("caseId").ValueKind.ShouldBe(JsonValueKind.Null);

        string[] steps = ["acceptance", "start", "hold", "start", "completion"];
        object[] bodies = [new { }, new { }, new { reason = "waiting-for-person" }, new { }, new { outcome = "service-provided" }];
        for (var i = 0; i < steps.Length; i++)
        {
            await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/{referralId}/{steps[i]}", ngo, bodies[i]);
        }
        await referrals.OkAsync(HttpMethod.Post, $"/api/referrals/consents/{consentId}/revocation", school, new { }, ifMatch: "\"1\"");

        string[] expected =
        [
            "referrals.referral-requested.v1", "referrals.referral-accepted.v1", "referrals.referral-in-progress.v1", "referrals.referral-on-hold.v1",
            "referrals.referral-in-progress.v1", "referrals.referral-completed.v1", "referrals.referral-access-ended.v1",
        ];
        await receiver.WaitUntilAsync(r => Webhooks(r, "/school").Count == expected.Length && Webhooks(r, "/ngo").Count == expected.Length
            && r.Any(w => w.Path == "/employer" && w.Body.Contains(employerCase.ToString())), "every step at both sides");

        receiver.Received.ShouldAllBe(webhook => webhook.SignatureValid);
        var (atSchool, atNgo) = (Webhooks(receiver.Received, "/school"), Webhooks(receiver.Received, "/ngo"));
        foreach (var side in new[] { atSchool, atNgo })
        {
            side.Select(Type).ShouldBe(expected, ignoreOrder: true);
            side.ShouldAllBe(webhook => Json(webhook).GetProperty("subject").GetString() == $"/api/referrals/{referralId}"
                && Json(webhook).GetProperty("id").GetString() == webhook.Id);
        }
        atSchool.ShouldAllBe(webhook => Json(webhook).GetProperty("data").GetProperty("caseId").GetGuid() == caseId);
        // The NGO is not given the school's case id or consent id, as referrals does not show them to it either.
        atNgo.ShouldAllBe(webhook => !webhook.Body.Contains(caseId.ToString()) && !webhook.Body.Contains(consentId.ToString()));
        atNgo.Select(webhook => webhook.Id).ShouldBeUnique();
        atNgo.Select(webhook => webhook.Id).Intersect(atSchool.Select(webhook => webhook.Id)).ShouldBeEmpty();
        Json(atNgo.Single(webhook => Type(webhook) == "referrals.referral-access-ended.v1")).GetProperty("data").GetProperty("reason").GetString()
            .ShouldBe("consent-revoked");
        (await referrals.SendAsync(HttpMethod.Get, subject, ngo)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        receiver.Received.Where(webhook => webhook.Path == "/employer").ShouldAllBe(webhook => !webhook.Body.Contains(referralId.ToString()));
        // Both sides' notifications of each step were recorded in one statement with any other organization's
        // feed entries: with both sides' all in, the employer's would be there too.
        await using var notifications = NpgsqlDataSource.Create(platform.DatabaseOf("notifications"));
        await using var employersEntries = notifications.CreateCommand("""
            select count(*) from feed_entries f join notifications n on n.id = f.notification_id
            where f.organization_id = $1 and n.body like '%' || $2 || '%'
            """);
        employersEntries.Parameters.Add(new() { Value = employer.OrganizationId });
        employersEntries.Parameters.Add(new() { Value = referralId.ToString() });
        (await employersEntries.ExecuteScalarAsync()).ShouldBe(0L);
    }

    private static List<PartnerWebhook> Webhooks(IEnumerable<PartnerWebhook> received, string path) =>
        [.. received.Where(webhook => webhook.Path == path).DistinctBy(webhook => webhook.Id)];

    private static JsonElement Json(PartnerWebhook webhook) => JsonDocument.Parse(webhook.Body).RootElement;

    private static string? Type(PartnerWebhook webhook) => Json(webhook).GetProperty("type").GetString();

    private async Task RegisterAsync(Partner partner, string path, string[] eventTypes)
    {
        var endpoint = await referrals.OkAsync(HttpMethod.Post, "/api/notifications/endpoints", partner, new { url = receiver.UrlFor(path), eventTypes });
        receiver.Expect(path, endpoint.GetProperty("secret").GetProperty("secret").GetString()!);
    }
}
