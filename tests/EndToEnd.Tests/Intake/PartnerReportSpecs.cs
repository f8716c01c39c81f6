using System.Net;
using System.Text.Json;
using MassTransit;
using Npgsql;
using Platform.Testing;

using Contracts = Intake.Contracts;

namespace EndToEnd.Tests.Intake;

/// <summary>
/// Intake through the gateway, against the real services, PostgreSQL and RabbitMQ: partners
/// submitting, reading and listing; bad input; idempotent retries; what the database keeps.
/// </summary>
public sealed class PartnerReportSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private readonly IntakeClient intake = new(platform);

    [Fact]
    public async Task A_partner_submits_reads_and_lists_its_report_and_another_organization_gets_404()
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");
        var (northwind, _) = await intake.PartnerAsync("northwind-logistics");
        var tag = Guid.NewGuid().ToString("N")[..8];

        using var submitted = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.Report(tag));
        submitted.StatusCode.ShouldBe(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var receipt = await IntakeClient.JsonAsync(submitted);
        var reportId = receipt.GetProperty("reportId").GetString()!;
        submitted.Headers.Location!.OriginalString.ShouldBe($"/api/intake/reports/{reportId}");
        submitted.Headers.ETag.ShouldNotBeNull();
        receipt.GetProperty("priority").GetString().ShouldBe("normal");

        using var read = await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe(submitted.Headers.ETag!.Tag);
        var report = await IntakeClient.JsonAsync(read);
        report.GetProperty("incident").GetProperty("narrative").GetString()!.ShouldContain(tag);
        report.GetProperty("people")[0].GetProperty("contact").GetProperty("email").GetString().ShouldBe($"alex.{tag}@example.org");
        report.GetProperty("status").GetString().ShouldBe("submitted");

        using var listed = await intake.SendAsync(HttpMethod.Get, "/api/intake/reports?kind=sexual-harassment&status=submitted", riverside);
        var summary = (await IntakeClient.JsonAsync(listed)).GetProperty("items").EnumerateArray()
            .Single(item => item.GetProperty("reportId").GetString() == reportId);
        // The submission's triage is on the row the moment the submission is answered.
        summary.GetProperty("priority").GetString().ShouldBe("normal");
        summary.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(receipt.GetProperty("acknowledgeBy").GetDateTimeOffset());

        using var foreign = await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", northwind);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var foreignList = await intake.SendAsync(HttpMethod.Get, "/api/intake/reports", northwind);
        (await IntakeClient.JsonAsync(foreignList)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("reportId").GetString()).ShouldNotContain(reportId);
        using var foreignMessage = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/messages", northwind, new { text = "hello" });
        foreignMessage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pages_of_the_list_follow_each_other_without_gaps_or_repeats_and_filters_apply()
    {
        var (safeHarbour, _) = await intake.PartnerAsync("safe-harbour");
        var submitted = new List<string>();
        foreach (var kind in new[] { "stalking", "stalking", "stalking", "online-abuse" })
        {
            using var response = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", safeHarbour, IntakeClient.Report(Guid.NewGuid().ToString("N")[..8], kind));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            submitted.Add((await IntakeClient.JsonAsync(response)).GetProperty("reportId").GetString()!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var page = await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports?kind=stalking&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", safeHarbour);
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await IntakeClient.JsonAsync(page);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("reportId").GetString()!));
            cursor = body.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.ShouldBe([.. submitted.Take(3).Reverse()]);
    }

    [Fact]
    public async Task Withdrawing_is_an_event_the_report_keeps_and_a_stale_if_match_is_refused()
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");
        using var submitted = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.Report("withdraw"));
        var reportId = (await IntakeClient.JsonAsync(submitted)).GetProperty("reportId").GetString()!;
        using var messaged = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/messages", riverside, new { text = "We have your report." });
        messaged.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var stale = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/withdrawal", riverside,
            new { reason = "resolved" }, new Dictionary<string, string> { ["If-Match"] = submitted.Headers.ETag!.Tag });
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var withdrawn = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/withdrawal", riverside,
            new { reason = "fear-of-retaliation", explanation = "I am worried." }, new Dictionary<string, string> { ["If-Match"] = messaged.Headers.ETag!.Tag });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        using var again = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/withdrawal", riverside, new { reason = "resolved" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var report = await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside));
        report.GetProperty("status").GetString().ShouldBe("withdrawn");
        report.GetProperty("withdrawal").GetProperty("reason").GetString().ShouldBe("fear-of-retaliation");
        report.GetProperty("incident").GetProperty("narrative").GetString()!.ShouldContain("withdraw");
    }

    [Fact]
    public async Task Erasing_a_person_of_a_report_erases_what_was_theirs_only_once_and_forgets_them_as_a_repeat_perpetrator()
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");
        var (northwind, _) = await intake.PartnerAsync("northwind-logistics");
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var submitted = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.Report(tag, "stalking"));
        var reportId = (await IntakeClient.JsonAsync(submitted)).GetProperty("reportId").GetString()!;
        using var messaged = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/messages", riverside, new { text = $"We are on it {tag}." });
        var people = (await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside)))
            .GetProperty("people").EnumerateArray().ToList();
        var reporter = people[0].GetProperty("personId").GetString()!;
        var perpetrator = people[1].GetProperty("personId").GetString()!;
        var erasures = $"/api/intake/reports/{reportId}/erasures";

        (await intake.SendAsync(HttpMethod.Post, erasures, northwind, new { personId = perpetrator, ground = "data-subject-request" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = perpetrator, ground = "because" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = Guid.NewGuid(), ground = "data-subject-request" }))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = perpetrator, ground = "data-subject-request" },
            new Dictionary<string, string> { ["If-Match"] = submitted.Headers.ETag!.Tag })).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var erased = await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = perpetrator, ground = "data-subject-request" },
            new Dictionary<string, string> { ["If-Match"] = messaged.Headers.ETag!.Tag });
        erased.StatusCode.ShouldBe(HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());
        var receipt = await IntakeClient.JsonAsync(erased);
        (receipt.GetProperty("personId").GetString(), receipt.GetProperty("ground").GetString()).ShouldBe((perpetrator, "data-subject-request"));
        erased.Headers.ETag!.Tag.ShouldBe($"\"{receipt.GetProperty("version").GetInt64()}\"");
        (await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = perpetrator, ground = "retention-period-ended" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var report = await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside));
        var (reporterShown, perpetratorShown) = (report.GetProperty("people")[0], report.GetProperty("people")[1]);
        perpetratorShown.GetProperty("erased").GetBoolean().ShouldBeTrue();
        perpetratorShown.GetProperty("name").GetString().ShouldBe("[erased]");
        perpetratorShown.GetProperty("reference").GetString().ShouldBe("[erased]");
        reporterShown.GetProperty("erased").GetBoolean().ShouldBeFalse();
        reporterShown.GetProperty("name").GetString().ShouldBe($"Alex Reporter {tag}");
        report.GetProperty("incident").GetProperty("narrative").GetString()!.ShouldContain(tag, Case.Sensitive, "the account is the affected person's, not the perpetrator's");
        // Their reference was how triage knew them again: once erased, the next report naming it is not a repeat.
        using var next = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.Report(tag, "stalking"));
        (await IntakeClient.JsonAsync(next)).GetProperty("priority").GetString().ShouldBe("normal");

        (await intake.SendAsync(HttpMethod.Post, erasures, riverside, new { personId = reporter, ground = "retention-period-ended" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        report = await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside));
        report.GetProperty("incident").GetProperty("narrative").GetString()!.ShouldNotContain(tag);
        report.GetProperty("people")[0].GetProperty("contact").ValueKind.ShouldBe(JsonValueKind.Null);
        var messages = await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}/messages", riverside));
        messages.GetRawText().ShouldNotContain(tag, Case.Sensitive, "the conversation is the reporter's");
        // Nothing of an erased reporter is recorded again, and nothing stored before is lost: the report reads as it did.
        using var refused = await intake.SendAsync(HttpMethod.Post, $"/api/intake/reports/{reportId}/messages", riverside, new { text = "Any news?" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await IntakeClient.JsonAsync(await intake.SendAsync(HttpMethod.Get, $"/api/intake/reports/{reportId}", riverside))).GetRawText()
            .ShouldBe(report.GetRawText());
    }

    [Theory]
    [InlineData("""{"kind":"shouting","setting":"school","mode":"identified","narrative":"x","people":[{"roles":["reporter","affected-person"],"name":"A"}]}""", "kind")]
    [InlineData("""{"kind":"bullying","setting":"school","mode":"identified","narrative":"x","people":[{"roles":["reporter","affected-person"],"name":"A","contact":{"email":"not-an-email"}}]}""", "people[0].contact.email")]
    [InlineData("""{"kind":"bullying","setting":"school","mode":"identified","narrative":"x","when":{"from":"1700-01-01"},"people":[{"roles":["reporter","affected-person"],"name":"A"}]}""", "when.from")]
    [InlineData("""{"kind":"bullying","setting":"school","mode":"identified","narrative":"x","when":{"from":"2999-01-01"},"people":[{"roles":["reporter","affected-person"],"name":"A"}]}""", "when.from")]
    [InlineData("""{"kind":"bullying","setting":"moon","mode":"identified","people":[{"roles":["witness"]}]}""", "setting")]
    public async Task Invalid_submissions_are_400_problems_naming_each_invalid_field(string json, string field)
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");

        using var response = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.RawJson(json));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await IntakeClient.JsonAsync(response);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("{\"kind\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"when\": {\"from\": \"2026-13-45\"}}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"immediateDanger\": \"perhaps\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1, 2, 3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("kind=bullying", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Unreadable_bodies_are_refused_with_a_4xx_problem_never_a_500(string body, string contentType, HttpStatusCode expected)
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");

        using var response = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside,
            new StringContent(body, System.Text.Encoding.UTF8, contentType));

        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_reaches_intake()
    {
        var (riverside, _) = await intake.PartnerAsync("riverside-school");

        using var response = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside,
            IntakeClient.RawJson($"{{\"narrative\": \"{new string('x', 2 * 1024 * 1024)}\"}}"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_original_response_and_another_body_gets_422()
    {
        var (northwind, _) = await intake.PartnerAsync("northwind-logistics");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = IntakeClient.Report("idempotent", "discrimination");

        using var first = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", northwind, body, key);
        using var retry = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", northwind, body, key);
        using var other = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", northwind, IntakeClient.Report("another", "discrimination"), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.ETag.ShouldBe(first.Headers.ETag);
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        using var listed = await intake.SendAsync(HttpMethod.Get, "/api/intake/reports?kind=discrimination", northwind);
        (await IntakeClient.JsonAsync(listed)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_retry_while_the_first_request_is_still_running_gets_409_and_then_the_original_response()
    {
        var (openDoor, _) = await intake.PartnerAsync("open-door-counselling");
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "retry-" + Guid.NewGuid() };
        var body = IntakeClient.Report("in-progress", "other");

        // Hold the read model's table so the first request stops inside its transaction, key claimed.
        await using var blocker = new NpgsqlConnection(platform.DatabaseOf("intake"));
        await blocker.OpenAsync();
        var holding = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("lock table report_summaries in exclusive mode", blocker, holding).ExecuteNonQueryAsync();
        var first = intake.SendAsync(HttpMethod.Post, "/api/intake/reports", openDoor, body, key);
        await WaitUntilClaimedAsync();

        using var concurrent = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", openDoor, body, key);
        await holding.RollbackAsync();
        using var original = await first;
        using var retry = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", openDoor, body, key);

        concurrent.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        concurrent.Headers.RetryAfter.ShouldNotBeNull();
        original.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await original.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Report_events_are_published_without_personal_data_and_a_repeat_perpetrator_makes_a_report_urgent_at_once()
    {
        var (northwind, organizationId) = await intake.PartnerAsync("northwind-logistics");
        await using var observer = await BrokerObserver.StartAsync(platform.BrokerUri, (endpoint, seen) =>
        {
            endpoint.Handler<Contracts.ReportSubmitted>(context => { seen.Record(context); return Task.CompletedTask; });
        });
        var tag = Guid.NewGuid().ToString("N")[..8];

        using var first = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", northwind, IntakeClient.Report(tag, "stalking"));
        using var second = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", northwind, IntakeClient.Report(tag, "stalking"));

        var firstReceipt = await IntakeClient.JsonAsync(first);
        var secondReceipt = await IntakeClient.JsonAsync(second);
        firstReceipt.GetProperty("priority").GetString().ShouldBe("normal");
        secondReceipt.GetProperty("priority").GetString().ShouldBe("urgent");
        secondReceipt.GetProperty("rulesFired").EnumerateArray().Select(rule => rule.GetString()).ShouldBe(["repeat-alleged-perpetrator"]);
        var urgentId = Guid.Parse(secondReceipt.GetProperty("reportId").GetString()!);

        var submitted = await observer.WaitForAsync<Contracts.ReportSubmitted>(e => e.ReportId == urgentId);
        using var urgentList = await intake.SendAsync(HttpMethod.Get, "/api/intake/reports?priority=urgent&kind=stalking", northwind);
        var urgentIds = (await IntakeClient.JsonAsync(urgentList)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("reportId").GetString()).ToList();
        urgentIds.ShouldContain(urgentId.ToString());
        urgentIds.ShouldNotContain(firstReceipt.GetProperty("reportId").GetString());
        submitted.ShouldHaveSingleItem().Message.Kind.ShouldBe(Contracts.ReportKind.Stalking);
        submitted.Single().Message.ReceivingOrganizationId.ShouldBe(Guid.Parse(organizationId));
        // The triage travels with the submission, so a consumer has the whole of a new report from one message.
        var triage = submitted.Single().Message.Triage.ShouldNotBeNull();
        (triage.Priority, triage.RulesFired.Single()).ShouldBe((Contracts.ReportPriority.Urgent, Contracts.TriageRule.RepeatAllegedPerpetrator));
        triage.AcknowledgeBy.ShouldBe(secondReceipt.GetProperty("acknowledgeBy").GetDateTimeOffset());
        foreach (var body in submitted.Select(m => m.Body))
        {
            body.ShouldNotContain(tag);
            body.ShouldNotContain("+44 7700 900123");
        }
    }

    [Fact]
    public async Task The_database_holds_none_of_the_personal_values_submitted()
    {
        var (riverside, organizationId) = await intake.PartnerAsync("riverside-school");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var browserTrace = Guid.NewGuid().ToString("N");
        using var partner = await intake.SendAsync(HttpMethod.Post, "/api/intake/reports", riverside, IntakeClient.Report(tag));
        partner.StatusCode.ShouldBe(HttpStatusCode.Created);
        await intake.AcceptAnonymousReportsAsync(riverside);
        using var anonymous = await intake.SendAsync(HttpMethod.Post, "/api/intake/anonymous-reports", null, IntakeClient.AnonymousReport(tag, organizationId),
            new Dictionary<string, string>
            {
                ["User-Agent"] = $"ReporterPhone/{tag}",
                ["X-Forwarded-For"] = "203.0.113.77",
                ["traceparent"] = $"00-{browserTrace}-00f067aa0ba902b7-01", // as a monitoring script in the reporter's browser would send
            });
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Created);
        var credentials = await IntakeClient.JsonAsync(anonymous);

        var dump = await PgDump.DataAsync(platform.DatabaseOf("intake"));

        dump.ShouldContain(partner.Headers.Location!.OriginalString.Split('/')[^1]); // the dump is of the right database
        foreach (var personal in new[]
        {
            $"Repeated unwanted comments and touching after practice {tag}", $"Gym changing room {tag}", $"Alex Reporter {tag}",
            $"alex.{tag}@example.org", "+44 7700 900123", $"Jordan Coach {tag}", $"STAFF-{tag}",
            $"An older pupil takes my lunch money every week {tag}", $"Pupil Bully {tag}",
            credentials.GetProperty("passphrase").GetString()!, credentials.GetProperty("reportKey").GetString()!,
            $"ReporterPhone/{tag}", "203.0.113.77", browserTrace,
        })
        {
            dump.ShouldNotContain(personal);
        }
        // Nor do the logs of the gateway and intake, where an anonymous reporter's request passed.
        var logs = platform.Gateway.Output + platform.Service["intake"].Output;
        foreach (var identifying in new[]
        {
            $"ReporterPhone/{tag}", "203.0.113.77", credentials.GetProperty("passphrase").GetString()!, credentials.GetProperty("reportKey").GetString()!,
            $"An older pupil takes my lunch money every week {tag}",
        })
        {
            logs.ShouldNotContain(identifying);
        }
    }

    private async Task WaitUntilClaimedAsync()
    {
        await using var connection = new NpgsqlConnection(platform.DatabaseOf("intake"));
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var waiting = (long)(await new NpgsqlCommand(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()", connection).ExecuteScalarAsync())!;
            if (waiting > 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The first request never reached the locked table.");
    }
}
