using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace EndToEnd.Tests;

/// <summary>
/// A case handled through the gateway with every service as its own process, then replayed by the
/// auditor assigned to the school, and a case opened from a report a partner submits to intake.
/// </summary>
public sealed class CaseReplaySpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Fact]
    public async Task A_report_submitted_to_intake_becomes_a_triaged_case_in_the_receiving_organizations_list()
    {
        var school = await platform.TokenAsync("riverside-school");
        var northwind = await platform.TokenAsync("northwind-logistics");
        var report = await SendAsync(HttpMethod.Post, "/api/intake/reports", school, Intake.IntakeClient.Report("to-case", "gender-based-violence", immediateDanger: true));
        var reportId = report.GetProperty("reportId").GetGuid();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        JsonElement? opened = null;
        while (DateTime.UtcNow < deadline)
        {
            var list = await SendAsync(HttpMethod.Get, "/api/cases/list?limit=200", school);
            opened = list.GetProperty("cases").EnumerateArray().Cast<JsonElement?>()
                .FirstOrDefault(item => item!.Value.GetProperty("reportId").ValueKind != JsonValueKind.Null
                    && item.Value.GetProperty("reportId").GetGuid() == reportId && item.Value.GetProperty("priority").ValueKind != JsonValueKind.Null);
            if (opened is not null)
            {
                break;
            }
            await Task.Delay(200);
        }

        opened.ShouldNotBeNull("no triaged case for the report within a minute");
        opened.Value.GetProperty("kind").GetString().ShouldBe("gender-based-violence");
        opened.Value.GetProperty("priority").GetString().ShouldBe("urgent");
        opened.Value.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(report.GetProperty("acknowledgeBy").GetDateTimeOffset());
        var other = await SendAsync(HttpMethod.Get, "/api/cases/list?limit=200", northwind);
        other.GetProperty("cases").EnumerateArray().ShouldNotContain(item =>
            item.GetProperty("reportId").ValueKind != JsonValueKind.Null && item.GetProperty("reportId").GetGuid() == reportId);
    }

    [Fact]
    public async Task An_auditor_replays_a_handled_case_through_the_gateway_and_verification_names_an_edited_event()
    {
        var school = await platform.TokenAsync("riverside-school");
        var auditor = await platform.TokenAsync("case-review-office");
        var opened = await SendAsync(HttpMethod.Post, "/api/cases", school, new { kind = "sexual-harassment", setting = "school", priority = "urgent" });
        var caseId = opened.GetProperty("caseId").GetGuid();
        var seen = new Dictionary<long, string> { [1] = await CaseAsync(caseId, school, "") };

        (string Path, object? Body)[] steps =
        [
            ("acknowledgement", null),
            ("assignment", new { workerId = Guid.CreateVersion7() }),
            ("risk-assessments", new { level = "medium", factors = new[] { "Repeated comments in class" }, safetyPlan = "Seated apart; a teacher checks in daily." }),
            ("investigation", null),
            ("investigation/conclusion", new { finding = "substantiated", findings = "Confirmed by the class teacher." }),
            ("closure", new { outcome = "action-taken" }),
        ];
        foreach (var (path, body) in steps)
        {
            var changed = await SendAsync(HttpMethod.Post, $"/api/cases/{caseId}/{path}", school, body ?? new { });
            seen[changed.GetProperty("version").GetInt64()] = await CaseAsync(caseId, school, "");
        }
        var list = await SendAsync(HttpMethod.Get, "/api/cases/list?status=closed&limit=200", school);
        list.GetProperty("cases").EnumerateArray().ShouldContain(item => item.GetProperty("caseId").GetGuid() == caseId);

        var history = (await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/history", auditor)).EnumerateArray().ToList();
        history.Count.ShouldBe(7);
        history.ShouldAllBe(step => step.GetProperty("actor").GetProperty("clientId").GetString() == "riverside-school");
        foreach (var step in history)
        {
            var version = step.GetProperty("version").GetInt64();
            var asOf = Uri.EscapeDataString(step.GetProperty("recordedAt").GetDateTimeOffset().ToString("O"));
            (await CaseAsync(caseId, auditor, $"?version={version}")).ShouldBe(seen[version]);
            (await CaseAsync(caseId, auditor, $"?asOf={asOf}")).ShouldBe(seen[version]);
        }
        (await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/verification", auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();

        await using (var dataSource = NpgsqlDataSource.Create(platform.DatabaseOf("cases")))
        await using (var tamper = dataSource.CreateCommand(
            "update events set data = replace(data::text, '\"medium\"', '\"low\"')::json where stream_id = $1 and stream_version = 4"))
        {
            tamper.Parameters.Add(new() { Value = $"case-{caseId}" });
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var verification = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/verification", auditor);
        verification.GetProperty("intact").GetBoolean().ShouldBeFalse();
        verification.GetProperty("breaks").EnumerateArray()
            .ShouldContain(b => b.GetProperty("streamId").GetString() == $"case-{caseId}" && b.GetProperty("version").GetInt64() == 4);
    }

    private async Task<string> CaseAsync(Guid caseId, string token, string query) =>
        (await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}{query}", token)).GetProperty("case").GetRawText();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await platform.Gateway.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{method} {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
