using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;

namespace EndToEnd.Tests;

/// <summary>
/// One case's life through the gateway with every service as its own process: a partner submits a
/// report to intake, the case appears in the receiving organization's list (and no other), the
/// school handles it to closure, and the auditor assigned to the school replays it and catches an
/// edit made behind the store's back.
/// </summary>
public sealed class CaseReplaySpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    [Fact]
    public async Task A_reported_case_is_handled_to_closure_and_an_auditor_replays_every_step_and_sees_an_edited_event()
    {
        var school = await platform.TokenAsync("riverside-school");
        var northwind = await platform.TokenAsync("northwind-logistics");
        var auditor = await platform.TokenAsync("case-review-office");
        var schoolId = new JsonWebToken(school).GetClaim("org_id").Value;

        var report = await SendAsync(HttpMethod.Post, "/api/intake/reports", school, Intake.IntakeClient.Report("to-case", "gender-based-violence", immediateDanger: true));
        var reportId = report.GetProperty("reportId").GetGuid();
        var opened = await TriagedCaseAsync(school, reportId);
        opened.GetProperty("kind").GetString().ShouldBe("gender-based-violence");
        opened.GetProperty("priority").GetString().ShouldBe("urgent");
        opened.GetProperty("acknowledgeBy").GetDateTimeOffset().ShouldBe(report.GetProperty("acknowledgeBy").GetDateTimeOffset());
        (await SendAsync(HttpMethod.Get, "/api/cases/list?limit=200", northwind)).GetProperty("cases").EnumerateArray()
            .ShouldNotContain(item => item.GetProperty("caseId").GetGuid() == opened.GetProperty("caseId").GetGuid());

        // What the school sees after each step, by version: what the auditor's replay must show.
        var caseId = opened.GetProperty("caseId").GetGuid();
        var openedVersion = opened.GetProperty("version").GetInt64();
        var seen = new Dictionary<long, string> { [openedVersion] = await CaseAsync(caseId, school, "") };
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
        var closed = await SendAsync(HttpMethod.Get, $"/api/cases/organizations/{schoolId}/list?status=closed&limit=200", auditor);
        closed.GetProperty("cases").EnumerateArray().ShouldContain(item => item.GetProperty("caseId").GetGuid() == caseId);

        var history = (await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/history", auditor)).EnumerateArray().ToList();
        history.Select(step => step.GetProperty("version").GetInt64()).ShouldBe([.. Enumerable.Range(1, (int)openedVersion + steps.Length).Select(v => (long)v)]);
        history.Take((int)openedVersion).ShouldAllBe(step => step.GetProperty("actor").GetProperty("clientId").GetString()!.StartsWith("system:cases.", StringComparison.Ordinal));
        history.Skip((int)openedVersion).ShouldAllBe(step => step.GetProperty("actor").GetProperty("clientId").GetString() == "riverside-school"
            && step.GetProperty("actor").GetProperty("organizationId").GetString() == schoolId);
        history.ShouldAllBe(step => step.GetProperty("correlationId").GetString()!.Length > 0);
        history.Select(step => step.GetProperty("recordedAt").GetDateTimeOffset()).ShouldBeInOrder();
        foreach (var step in history.Where(step => seen.ContainsKey(step.GetProperty("version").GetInt64())))
        {
            var version = step.GetProperty("version").GetInt64();
            var asOf = Uri.EscapeDataString(step.GetProperty("recordedAt").GetDateTimeOffset().ToString("O"));
            (await CaseAsync(caseId, auditor, $"?version={version}")).ShouldBe(seen[version]);
            (await CaseAsync(caseId, auditor, $"?asOf={asOf}")).ShouldBe(seen[version]);
        }
        (await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/verification", auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();

        var riskVersion = openedVersion + 3;
        await using (var dataSource = NpgsqlDataSource.Create(platform.DatabaseOf("cases")))
        await using (var tamper = dataSource.CreateCommand(
            "update events set data = replace(data::text, '\"medium\"', '\"low\"')::json where stream_id = $1 and stream_version = $2"))
        {
            tamper.Parameters.Add(new() { Value = $"case-{caseId}" });
            tamper.Parameters.Add(new() { Value = riskVersion });
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var verification = await SendAsync(HttpMethod.Get, $"/api/cases/{caseId}/verification", auditor);
        verification.GetProperty("intact").GetBoolean().ShouldBeFalse();
        verification.GetProperty("breaks").EnumerateArray()
            .ShouldContain(b => b.GetProperty("streamId").GetString() == $"case-{caseId}" && b.GetProperty("version").GetInt64() == riskVersion);
    }

    /// <summary>The case opens and is triaged from two messages intake publishes; both must have arrived.</summary>
    private async Task<JsonElement> TriagedCaseAsync(string token, Guid reportId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var list = await SendAsync(HttpMethod.Get, "/api/cases/list?limit=200", token);
            var found = list.GetProperty("cases").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(item =>
                item!.Value.GetProperty("reportId").ValueKind != JsonValueKind.Null
                && item.Value.GetProperty("reportId").GetGuid() == reportId && item.Value.GetProperty("priority").ValueKind != JsonValueKind.Null);
            if (found is not null)
            {
                return found.Value;
            }
            await Task.Delay(200);
        }
        throw new ShouldAssertException("no triaged case for the report within a minute");
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
