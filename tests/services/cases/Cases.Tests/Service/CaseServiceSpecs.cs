using System.Net;
using System.Text.Json;
using Cases.Handling;
using Intake.Contracts;
using MassTransit;
using Platform.Testing;

namespace Cases.Tests.Service;

/// <summary>
/// The cases service as deployed: real PostgreSQL, a real RabbitMQ virtual host, report events
/// published on the broker as intake's forwarder publishes them, and calls with platform tokens.
/// </summary>
public sealed class CaseServiceSpecs(CasesFactory service) : IClassFixture<CasesFactory>
{
    private static readonly Guid School = Guid.CreateVersion7();
    private static readonly Guid OtherSchool = Guid.CreateVersion7();
    private static readonly Guid AuditOffice = Guid.CreateVersion7();
    private static readonly Guid OtherAuditOffice = Guid.CreateVersion7();
    private static readonly Guid Worker = Guid.CreateVersion7();

    private string SchoolToken => service.Token(School, "riverside-school", "caseworker");

    private string AuditorToken => service.Token(AuditOffice, "case-review-office", "auditor", audits: [School]);

    private async Task<Guid> SubmitReportAsync(Guid? messageId = null, Guid? reportId = null)
    {
        var report = reportId ?? Guid.CreateVersion7();
        var id = messageId ?? Guid.CreateVersion7();
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);
        await service.Bus.Publish(Submitted(report), context => context.MessageId = id);
        await observer.WaitForAsync(id, 1);
        return CaseStreams.CaseIdOfReport(report);
    }

    // As intake published a report before its triage travelled with it: the case opens untriaged, at version 1,
    // which keeps the version arithmetic of the handling specs simple. The triaged opening has a spec of its own.
    private static ReportSubmitted Submitted(Guid reportId) =>
        new(reportId, School, School, ReportKind.Stalking, ReportSetting.School, ReportMode.Identified, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_report_that_comes_with_its_triage_opens_a_triaged_case_in_one_append_and_only_once()
    {
        var school = await service.ClientAsync(SchoolToken);
        var reportId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        var deadline = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var report = Submitted(reportId) with { Triage = new ReportTriage(ReportPriority.Urgent, [TriageRule.MinorInvolved], deadline) };
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);

        await service.Bus.Publish(report, context => context.MessageId = messageId);
        await service.Bus.Publish(report, context => context.MessageId = messageId);
        await observer.WaitForAsync(messageId, 2);

        var streamId = CaseStreams.Id(CaseStreams.CaseIdOfReport(reportId));
        (await service.ScalarAsync("select count(*) from events where stream_id = $1", streamId)).ShouldBe(2);
        (await service.ScalarAsync("select count(distinct transaction_id) from events where stream_id = $1", streamId)).ShouldBe(1);
        var view = (await school.GetJsonAsync($"/api/cases/{CaseStreams.CaseIdOfReport(reportId)}")).GetProperty("case");
        view.GetProperty("priority").GetString().ShouldBe("urgent");
        view.GetProperty("rulesFired").EnumerateArray().Select(rule => rule.GetString()).ShouldBe(["minor-involved"]);
        view.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(deadline);
        var listed = (await school.GetJsonAsync("/api/cases/list?limit=200")).GetProperty("cases").EnumerateArray()
            .Single(item => item.GetProperty("reportId").GetGuid() == reportId);
        (listed.GetProperty("priority").GetString(), listed.GetProperty("version").GetInt64()).ShouldBe(("urgent", 2L));
        listed.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(deadline);
    }

    [Fact]
    public async Task The_same_report_submitted_twice_or_thrice_opens_one_case()
    {
        var school = await service.ClientAsync(SchoolToken);
        var reportId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        var otherMessageId = Guid.CreateVersion7();
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);

        await service.Bus.Publish(Submitted(reportId), context => context.MessageId = messageId);
        await service.Bus.Publish(Submitted(reportId), context => context.MessageId = messageId);
        await service.Bus.Publish(Submitted(reportId), context => context.MessageId = otherMessageId);
        await observer.WaitForAsync(messageId, 2);
        await observer.WaitForAsync(otherMessageId, 1);

        var caseId = CaseStreams.CaseIdOfReport(reportId);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1", CaseStreams.Id(caseId))).ShouldBe(1);
        (await service.ScalarAsync("select count(*) from case_list where report_id = $1", reportId)).ShouldBe(1);
        var opened = await school.GetJsonAsync($"/api/cases/{caseId}");
        opened.GetProperty("case").GetProperty("reportId").GetGuid().ShouldBe(reportId);
        opened.GetProperty("case").GetProperty("organizationId").GetGuid().ShouldBe(School);
        opened.GetProperty("case").GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task A_separate_triage_that_arrives_before_its_report_is_recorded_once_the_case_opens()
    {
        var school = await service.ClientAsync(SchoolToken);
        var reportId = Guid.CreateVersion7();
        var deadline = DateTimeOffset.UtcNow.AddHours(-1);
        var triageId = Guid.CreateVersion7();
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);

        await service.Bus.Publish(new ReportTriaged(reportId, School, ReportPriority.Urgent, [TriageRule.ImmediateDanger], deadline, DateTimeOffset.UtcNow),
            context => context.MessageId = triageId);
        await Task.Delay(300);
        await SubmitReportAsync(reportId: reportId);
        await observer.WaitForAsync(triageId, 1);

        var caseId = CaseStreams.CaseIdOfReport(reportId);
        var view = (await school.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        view.GetProperty("priority").GetString().ShouldBe("urgent");
        view.GetProperty("rulesFired")[0].GetString().ShouldBe("immediate-danger");
        var overdue = await school.GetJsonAsync("/api/cases/list?overdue=true&limit=200");
        overdue.GetProperty("cases").EnumerateArray().ShouldContain(item => item.GetProperty("caseId").GetGuid() == caseId);

        var acknowledged = await (await school.PostAsync($"/api/cases/{caseId}/acknowledgement")).OkJsonAsync();
        acknowledged.GetProperty("version").GetInt64().ShouldBe(3);
        var late = (await school.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        late.GetProperty("acknowledgedLate").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_withdrawn_report_is_recorded_on_its_case_which_stays_open_for_the_handler_to_decide()
    {
        var school = await service.ClientAsync(SchoolToken);
        var reportId = Guid.CreateVersion7();
        var caseId = await SubmitReportAsync(reportId: reportId);
        var withdrawalId = Guid.CreateVersion7();
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);

        await service.Bus.Publish(new ReportWithdrawn(reportId, School, DateTimeOffset.UtcNow), context => context.MessageId = withdrawalId);
        await service.Bus.Publish(new ReportWithdrawn(reportId, School, DateTimeOffset.UtcNow), context => context.MessageId = withdrawalId);
        await observer.WaitForAsync(withdrawalId, 2);

        var view = (await school.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        view.GetProperty("reportWithdrawnAt").ValueKind.ShouldBe(JsonValueKind.String);
        view.GetProperty("status").GetString().ShouldBe("open");
        (await service.ScalarAsync("select count(*) from events where stream_id = $1", CaseStreams.Id(caseId))).ShouldBe(2);
    }

    [Fact]
    public async Task An_auditor_replays_a_handled_case_step_by_step_and_verification_names_an_event_edited_behind_the_stores_back()
    {
        var school = await service.ClientAsync(SchoolToken);
        var auditor = await service.ClientAsync(AuditorToken);
        var caseId = await SubmitReportAsync();
        var seen = new Dictionary<long, string> { [1] = Case(await school.GetJsonAsync($"/api/cases/{caseId}")) };

        (string Path, object? Body)[] steps =
        [
            ("acknowledgement", null),
            ("assignment", new { workerId = Worker }),
            ("risk-assessments", new { level = "high", factors = new[] { "Threats by text message at night" }, safetyPlan = "Walks home with a friend; teachers alerted." }),
            ("investigation", null),
            ("investigation/conclusion", new { finding = "substantiated", findings = "Messages confirmed by two witnesses." }),
            ("closure", new { outcome = "action-taken" }),
        ];
        foreach (var (path, body) in steps)
        {
            var changed = await (await school.PostAsync($"/api/cases/{caseId}/{path}", body)).OkJsonAsync();
            seen[changed.GetProperty("version").GetInt64()] = Case(await school.GetJsonAsync($"/api/cases/{caseId}"));
        }

        var history = (await auditor.GetJsonAsync($"/api/cases/{caseId}/history")).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(
        [
            "cases.case-opened.v1", "cases.case-acknowledged.v1", "cases.case-worker-assigned.v1", "cases.risk-assessed.v1",
            "cases.investigation-opened.v1", "cases.investigation-concluded.v1", "cases.case-closed.v1",
        ]);
        history[0].GetProperty("actor").GetProperty("clientId").GetString().ShouldBe("system:cases.open-case-on-report-submitted");
        foreach (var step in history.Skip(1))
        {
            step.GetProperty("actor").GetProperty("clientId").GetString().ShouldBe("riverside-school");
            step.GetProperty("actor").GetProperty("organizationId").GetString().ShouldBe(School.ToString());
            step.GetProperty("actor").GetProperty("onBehalfOf").GetString().ShouldBe("staff-of-riverside-school");
            step.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
            step.GetProperty("occurredAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        history[3].GetProperty("data").GetProperty("details").GetProperty("safetyPlan").GetString().ShouldBe("Walks home with a friend; teachers alerted.");

        foreach (var step in history)
        {
            var version = step.GetProperty("version").GetInt64();
            var recordedAt = step.GetProperty("recordedAt").GetDateTimeOffset();
            Case(await auditor.GetJsonAsync($"/api/cases/{caseId}?version={version}")).ShouldBe(seen[version], $"version {version}");
            Case(await auditor.GetJsonAsync($"/api/cases/{caseId}?asOf={Uri.EscapeDataString(recordedAt.ToString("O"))}"))
                .ShouldBe(seen[version], $"as of {recordedAt:O}");
        }

        var diff = await auditor.GetJsonAsync($"/api/cases/{caseId}/diff?from=2&to=4");
        diff.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("path").GetString())
            .ShouldBe(["/workerId", "/riskAssessments/0"], ignoreOrder: true);

        var intact = await auditor.GetJsonAsync($"/api/cases/{caseId}/verification");
        intact.GetProperty("intact").GetBoolean().ShouldBeTrue(intact.ToString());
        intact.GetProperty("eventsChecked").GetInt64().ShouldBe(7);

        // Someone with database access softens the finding.
        await service.ExecuteAsync(
            "update events set data = replace(data::text, '\"substantiated\"', '\"unsubstantiated\"')::json where stream_id = $1 and stream_version = 6",
            CaseStreams.Id(caseId));

        var tampered = await auditor.GetJsonAsync($"/api/cases/{caseId}/verification");
        tampered.GetProperty("intact").GetBoolean().ShouldBeFalse();
        var broken = tampered.GetProperty("breaks").EnumerateArray().ToList();
        broken.ShouldContain(b => b.GetProperty("streamId").GetString() == CaseStreams.Id(caseId) && b.GetProperty("version").GetInt64() == 6, tampered.ToString());

        var reads = await auditor.GetJsonAsync($"/api/cases/{caseId}/read-access?limit=1000");
        var entries = reads.GetProperty("entries").EnumerateArray().ToList();
        entries.ShouldContain(e => e.GetProperty("reader").GetProperty("clientId").GetString() == "riverside-school"
            && e.GetProperty("purpose").GetString() == "case handling: the case");
        entries.ShouldContain(e => e.GetProperty("reader").GetProperty("clientId").GetString() == "case-review-office"
            && e.GetProperty("purpose").GetString() == "audit: the case's history");
    }

    [Fact]
    public async Task A_change_with_a_stale_if_match_is_refused_with_412_and_a_current_one_goes_through()
    {
        var school = await service.ClientAsync(SchoolToken);
        var caseId = await SubmitReportAsync();
        using var read = await school.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative));
        var etag = read.Headers.ETag!.Tag;
        etag.ShouldBe("\"1\"");

        using var first = await school.PostAsync($"/api/cases/{caseId}/acknowledgement", ifMatch: etag);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldBe("\"2\"");
        using var stale = await school.PostAsync($"/api/cases/{caseId}/assignment", new { workerId = Worker }, ifMatch: etag);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var current = await school.PostAsync($"/api/cases/{caseId}/assignment", new { workerId = Worker }, ifMatch: "\"2\"");
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_organization_and_an_unassigned_auditor_get_404_and_an_assigned_auditor_reads_but_cannot_write()
    {
        var caseId = await SubmitReportAsync();
        var other = await service.ClientAsync(service.Token(OtherSchool, "eastside-school", "caseworker"));
        var unassigned = await service.ClientAsync(service.Token(OtherAuditOffice, "unassigned-auditor", "auditor", audits: [OtherSchool]));
        var auditor = await service.ClientAsync(AuditorToken);
        var school = await service.ClientAsync(SchoolToken);

        foreach (var path in new[] { "", "/timeline" })
        {
            (await other.GetAsync(new Uri($"/api/cases/{caseId}{path}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await unassigned.GetAsync(new Uri($"/api/cases/{caseId}{path}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await auditor.GetAsync(new Uri($"/api/cases/{caseId}{path}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await other.PostAsync($"/api/cases/{caseId}/acknowledgement")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unassigned.GetAsync(new Uri($"/api/cases/{caseId}/history", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.PostAsync($"/api/cases/{caseId}/acknowledgement")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.PostAsync($"/api/cases/{caseId}/notes", new { text = "An auditor's note" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await school.GetAsync(new Uri($"/api/cases/{caseId}/history", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1", CaseStreams.Id(caseId))).ShouldBe(1);
    }

    [Fact]
    public async Task Broken_rules_are_409_or_422_problems_that_say_what_is_wrong()
    {
        var school = await service.ClientAsync(SchoolToken);
        var caseId = await SubmitReportAsync();

        using var closing = await school.PostAsync($"/api/cases/{caseId}/closure", new { outcome = "no-further-action" });
        closing.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await closing.Content.ReadAsStringAsync()).ShouldContain("Acknowledge the case before closing it.");

        using var escalating = await school.PostAsync($"/api/cases/{caseId}/escalation", new { affectedPersonConsents = false });
        escalating.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        escalating.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var overriding = await school.PostAsync($"/api/cases/{caseId}/escalation",
            new { affectedPersonConsents = false, legalBasis = "Children Act 1989, s.47 (duty to investigate harm to a child)" });
        overriding.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var twice = await school.PostAsync($"/api/cases/{caseId}/escalation", new { affectedPersonConsents = true });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Erasing_the_affected_person_blanks_their_data_in_the_case_and_refuses_more_of_it()
    {
        var school = await service.ClientAsync(SchoolToken);
        var caseId = await SubmitReportAsync();
        const string Secret = "She now lives with her aunt on Elm Street";
        (await school.PostAsync($"/api/cases/{caseId}/notes", new { text = Secret })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await school.PostAsync($"/api/cases/{caseId}/notes", new { about = "respondent", text = "Denies everything." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.ScalarAsync("select count(*) from events where data::text like '%Elm Street%'")).ShouldBe(0);

        var erased = await (await school.PostAsync($"/api/cases/{caseId}/erasures", new { subject = "affected-person", ground = "data-subject-request" })).OkJsonAsync();
        erased.GetProperty("version").GetInt64().ShouldBe(4);

        var view = (await school.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case");
        view.GetProperty("notes")[0].GetProperty("text").GetString().ShouldBe("[erased]");
        view.GetProperty("notes")[1].GetProperty("text").GetString().ShouldBe("Denies everything.");
        view.GetProperty("erasedSubjects").EnumerateArray().Select(s => s.GetString()).ShouldBe(["affected-person"]);
        (await school.PostAsync($"/api/cases/{caseId}/notes", new { text = "More about her" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await school.PostAsync($"/api/cases/{caseId}/erasures", new { subject = "affected-person", ground = "data-subject-request" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var list = await school.GetJsonAsync("/api/cases/list?limit=200");
        list.GetProperty("cases").EnumerateArray().Single(item => item.GetProperty("caseId").GetGuid() == caseId)
            .GetProperty("version").GetInt64().ShouldBe(4);
        var verification = await (await service.ClientAsync(AuditorToken)).GetJsonAsync($"/api/cases/{caseId}/verification");
        verification.GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_list_shows_only_the_callers_cases_filtered_and_a_page_at_a_time()
    {
        var organization = Guid.CreateVersion7();
        var client = await service.ClientAsync(service.Token(organization, "list-school", "caseworker"));
        var opened = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("/api/cases", new { kind = "bullying", setting = "school", priority = i == 0 ? "urgent" : "normal" });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            opened.Add((await response.OkJsonAsync()).GetProperty("caseId").GetGuid());
        }
        (await client.PostAsync($"/api/cases/{opened[1]}/assignment", new { workerId = Worker })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var first = await client.GetJsonAsync("/api/cases/list?limit=2");
        var second = await client.GetJsonAsync($"/api/cases/list?limit=2&after={first.GetProperty("next").GetString()}");
        first.GetProperty("cases").EnumerateArray().Concat(second.GetProperty("cases").EnumerateArray())
            .Select(item => item.GetProperty("caseId").GetGuid()).ShouldBe([opened[2], opened[1], opened[0]]);
        second.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);

        Ids(await client.GetJsonAsync($"/api/cases/list?workerId={Worker}")).ShouldBe([opened[1]]);
        Ids(await client.GetJsonAsync("/api/cases/list?priority=urgent")).ShouldBe([opened[0]]);
        Ids(await client.GetJsonAsync("/api/cases/list?status=closed")).ShouldBeEmpty();
        Ids(await client.GetJsonAsync("/api/cases/list?overdue=true")).ShouldBeEmpty();
        Ids(await client.GetJsonAsync("/api/cases/list?overdue=false")).Count.ShouldBe(3); // no deadline is not overdue
        Ids(await (await service.ClientAsync(SchoolToken)).GetJsonAsync("/api/cases/list?limit=200")).ShouldNotContain(opened[0]);
    }

    [Fact]
    public async Task An_assigned_auditor_lists_the_organizations_cases_and_no_one_elses_and_the_read_is_recorded()
    {
        var organization = Guid.CreateVersion7();
        var auditOffice = Guid.CreateVersion7();
        var school = await service.ClientAsync(service.Token(organization, "audited-school", "caseworker"));
        using (var response = await school.PostAsync("/api/cases", new { kind = "bullying", setting = "school", priority = "normal" }))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var opened = (await school.GetJsonAsync("/api/cases/list")).GetProperty("cases")[0].GetProperty("caseId").GetGuid();
        var auditor = await service.ClientAsync(service.Token(auditOffice, "audit-office", "auditor", audits: [organization]));

        Ids(await auditor.GetJsonAsync($"/api/cases/organizations/{organization}/list?status=open")).ShouldBe([opened]);
        Ids(await school.GetJsonAsync($"/api/cases/organizations/{organization}/list")).ShouldBe([opened]);
        (await auditor.GetAsync(new Uri($"/api/cases/organizations/{School}/list", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await school.GetAsync(new Uri($"/api/cases/organizations/{School}/list", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.GetAsync(new Uri("/api/cases/list", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync(new Uri($"/api/cases/organizations/{organization}/list?status=gone", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await service.ScalarAsync("select count(*) from read_access_log where stream_id = $1 and reader_organization_id = $2", $"case-list-{organization}", auditOffice.ToString()))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Lifecycle_changes_are_published_on_the_broker_as_cases_contracts_with_the_event_id_as_message_id()
    {
        var school = await service.ClientAsync(SchoolToken);
        var received = new System.Collections.Concurrent.ConcurrentQueue<(Guid? MessageId, object Message)>();
        var handle = service.Bus.ConnectReceiveEndpoint("cases-specs-published", endpoint =>
        {
            endpoint.Handler<Contracts.CaseOpened>(context => Received(context, context.Message));
            endpoint.Handler<Contracts.CaseAcknowledged>(context => Received(context, context.Message));
            endpoint.Handler<Contracts.CaseWorkerAssigned>(context => Received(context, context.Message));
        });
        await handle.Ready;
        Task Received(ConsumeContext context, object message)
        {
            received.Enqueue((context.MessageId, message));
            return Task.CompletedTask;
        }

        using var opened = await school.PostAsync("/api/cases", new { kind = "discrimination", setting = "workplace" });
        var caseId = (await opened.OkJsonAsync()).GetProperty("caseId").GetGuid();
        (await school.PostAsync($"/api/cases/{caseId}/acknowledgement")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await school.PostAsync($"/api/cases/{caseId}/notes", new { text = "Private: never published." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await school.PostAsync($"/api/cases/{caseId}/assignment", new { workerId = Worker })).StatusCode.ShouldBe(HttpStatusCode.OK);

        List<(Guid? MessageId, object Message)> OfCase() => [.. received.Where(r => r.Message switch
        {
            Contracts.CaseOpened e => e.CaseId == caseId,
            Contracts.CaseAcknowledged e => e.CaseId == caseId,
            Contracts.CaseWorkerAssigned e => e.CaseId == caseId,
            _ => false,
        })];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (OfCase().Count < 3)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the forwarder did not publish the case's lifecycle changes");
            await Task.Delay(100);
        }
        var ofCase = OfCase();
        ofCase.Select(r => r.Message.GetType().Name).ShouldBe(["CaseOpened", "CaseAcknowledged", "CaseWorkerAssigned"], ignoreOrder: true);
        var assignment = ofCase.Select(r => r.Message).OfType<Contracts.CaseWorkerAssigned>().Single();
        assignment.ShouldBe(new Contracts.CaseWorkerAssigned(caseId, School, Worker, assignment.AssignedAt));
        var eventIds = await service.ScalarAsync(
            "select count(*) from events where stream_id = $1 and event_id = any($2)", CaseStreams.Id(caseId), ofCase.Select(r => r.MessageId!.Value).ToArray());
        eventIds.ShouldBe(3);
        await handle.StopAsync();
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("cases").EnumerateArray().Select(item => item.GetProperty("caseId").GetGuid())];

    private static string Case(JsonElement versioned) => versioned.GetProperty("case").GetRawText();
}
