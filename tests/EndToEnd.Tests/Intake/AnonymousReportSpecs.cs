using System.Net;

namespace EndToEnd.Tests.Intake;

/// <summary>
/// The anonymous public route through the gateway: submitting with no token, following up with
/// the report key and passphrase, the conversation with the handling organization, and lockout.
/// </summary>
public sealed class AnonymousReportSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private readonly IntakeClient intake = new(platform);

    [Fact]
    public async Task An_anonymous_reporter_follows_up_with_key_and_passphrase_and_converses_with_the_organization()
    {
        var (riverside, organizationId) = await intake.PartnerAsync("riverside-school");
        await intake.AcceptAnonymousReportsAsync(riverside);

        using var submitted = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, IntakeClient.AnonymousReport("follow-up", organizationId));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var receipt = await IntakeClient.JsonAsync(submitted);
        var key = receipt.GetProperty("reportKey").GetString()!;
        var session = await SessionAsync(key, receipt.GetProperty("passphrase").GetString()!);

        using var status = await intake.SendAsync(HttpMethod.Get, $"/api/intake/anonymous-reports/{key}", null, headers: session);
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntakeClient.JsonAsync(status)).GetProperty("status").GetString().ShouldBe("submitted");
        using var asked = await intake.SendAsync(HttpMethod.Post, $"/api/intake/anonymous-reports/{key}/messages", null, new { text = "Is anyone looking at this?" }, session);
        asked.StatusCode.ShouldBe(HttpStatusCode.Created);

        // The school finds the report in its list and answers it.
        using var listed = await intake.SendAsync(HttpMethod.Get, "/api/intake/reports?kind=bullying", riverside);
        var reportId = (await IntakeClient.JsonAsync(listed)).GetProperty("items").EnumerateArray()
            .First(item => item.GetProperty("mode").GetString() == "anonymous" && item.GetProperty("messageCount").GetInt32() == 1).GetProperty("reportId").GetString();
        using var handlerRead = await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}/messages", riverside);
        (await IntakeClient.JsonAsync(handlerRead))[0].GetProperty("text").GetString().ShouldBe("Is anyone looking at this?");
        using var answered = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/messages", riverside, new { text = "Yes. You are safe to talk to us." });
        answered.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var conversation = await intake.SendAsync(HttpMethod.Get, $"/api/intake/anonymous-reports/{key}/messages", null, headers: session);
        var messages = (await IntakeClient.JsonAsync(conversation)).EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("author").GetString()).ShouldBe(["reporter", "handler"]);
        messages[1].GetProperty("text").GetString().ShouldBe("Yes. You are safe to talk to us.");

        // Without the session, or with another report's key, nothing opens.
        using var noSession = await intake.SendAsync(HttpMethod.Get, $"/api/intake/anonymous-reports/{key}/messages", null);
        noSession.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var otherKey = await intake.SendAsync(HttpMethod.Get, "/api/intake/anonymous-reports/AAAA-BBBB-CCCC-DDDD/messages", null, headers: session);
        otherKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_passphrase_and_an_unknown_key_get_the_same_answer_and_both_lock_out()
    {
        var (riverside, organizationId) = await intake.PartnerAsync("riverside-school");
        await intake.AcceptAnonymousReportsAsync(riverside);
        using var submitted = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, IntakeClient.AnonymousReport("lockout", organizationId));
        var receipt = await IntakeClient.JsonAsync(submitted);
        var key = receipt.GetProperty("reportKey").GetString()!;
        const string unknownKey = "ZZZZ-YYYY-XXXX-WWWW";

        var unknown = await GuessUntilLockedAsync(unknownKey);
        var known = await GuessUntilLockedAsync(key); // second, so its lockout is fresh for the check below

        known.ShouldBe(unknown);
        known.Last().ShouldBe("429 Too many attempts.");
        known.ShouldContain("401 The report key, passphrase or session is not right.");

        // Locked: even the right passphrase waits; once the lockout is over it opens again.
        using var locked = await SignInAsync(key, receipt.GetProperty("passphrase").GetString()!);
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var wait = locked.Headers.RetryAfter!.Delta!.Value;
        await Task.Delay(wait + TimeSpan.FromMilliseconds(500));
        using var opened = await SignInAsync(key, receipt.GetProperty("passphrase").GetString()!);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Anonymous_reports_go_only_to_organizations_that_take_them_and_name_nobody_reporting()
    {
        var (_, northwindId) = await intake.PartnerAsync("northwind-logistics");
        var (riverside, riversideId) = await intake.PartnerAsync("riverside-school");
        await intake.AcceptAnonymousReportsAsync(riverside);

        using var notTaken = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, IntakeClient.AnonymousReport("x", northwindId));
        notTaken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await IntakeClient.JsonAsync(notTaken)).GetProperty("errors").TryGetProperty("receivingOrganizationId", out _).ShouldBeTrue();

        using var named = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, new
        {
            kind = "bullying",
            setting = "school",
            receivingOrganizationId = riversideId,
            narrative = "x",
            people = new[] { new { roles = new[] { "reporter", "affected-person" }, name = "Me", contact = new { email = "me@example.org" } } },
        });
        named.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await IntakeClient.JsonAsync(named)).GetProperty("errors");
        errors.TryGetProperty("people[0].name", out _).ShouldBeTrue();
        errors.TryGetProperty("people[0].contact", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_anonymous_retry_with_its_idempotency_key_gets_the_same_key_and_passphrase_back()
    {
        var (riverside, organizationId) = await intake.PartnerAsync("riverside-school");
        await intake.AcceptAnonymousReportsAsync(riverside);
        var idempotency = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = IntakeClient.AnonymousReport("retry", organizationId);

        using var first = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, body, idempotency);
        using var retry = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, body, idempotency);
        using var notUuid = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, body,
            new Dictionary<string, string> { ["Idempotency-Key"] = "1" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        notUuid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<List<string>> GuessUntilLockedAsync(string key)
    {
        var answers = new List<string>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var response = await SignInAsync(key, "wrong-passphrase-" + attempt);
            var answer = $"{(int)response.StatusCode} {(await IntakeClient.JsonAsync(response)).GetProperty("title").GetString()}";
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                answers.Add(answer);
                continue;
            }
            var wait = response.Headers.RetryAfter!.Delta!.Value;
            if (wait > TimeSpan.FromSeconds(3)) // the slow-downs are under a second here, the lockout 8 s
            {
                answers.Add(answer);
                return answers; // locked out, not just slowed down
            }
            await Task.Delay(wait); // slowed down: how often depends on how fast the hash ran, so it is not compared
        }
        return answers;
    }

    private Task<HttpResponseMessage> SignInAsync(string key, string passphrase) =>
        intake.SendAsync(HttpMethod.Post, $"/api/intake/anonymous-reports/{key}/sessions", null, new { passphrase });

    private async Task<Dictionary<string, string>> SessionAsync(string key, string passphrase)
    {
        using var response = await SignInAsync(key, passphrase);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var session = await IntakeClient.JsonAsync(response);
        return new() { [session.GetProperty("header").GetString()!] = session.GetProperty("sessionToken").GetString()! };
    }
}
