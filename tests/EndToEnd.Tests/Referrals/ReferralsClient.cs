using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Npgsql;
using Platform.Testing;

namespace EndToEnd.Tests.Referrals;

/// <summary>An organization calling through the gateway: its token and its id.</summary>
internal sealed record Partner(string Token, Guid OrganizationId);

/// <summary>
/// Referrals through the gateway, as a school, an NGO and anyone else would call them, plus what a
/// spec looks at behind the services' backs: the referral service's own tables, and its clock.
/// </summary>
internal sealed class ReferralsClient(RunningPlatform platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public async Task<Partner> DemoPartnerAsync(string clientId)
    {
        var token = await platform.TokenAsync(clientId);
        return new(token, Guid.Parse(new JsonWebToken(token).GetClaim("org_id").Value));
    }

    /// <summary>A new organization of <paramref name="kind"/> with a caseworker client of its own (the demo data has no legal-aid NGO).</summary>
    public async Task<Partner> RegisterAsync(string kind, string name)
    {
        var admin = await platform.TokenAsync("platform-admin");
        var clientId = $"{name}-{Guid.NewGuid():N}"[..30];
        var organization = await OkAsync(HttpMethod.Post, "/api/identity/organizations", admin, new { name, kind });
        var client = await OkAsync(HttpMethod.Post, $"/api/identity/organizations/{organization.GetProperty("id")}/clients", admin,
            new { clientId, name = clientId, scopes = new[] { "referrals", "cases", "intake" }, roles = new[] { "caseworker" } });
        var token = await TokenRequests.GetAsync(platform.Gateway.Client, clientId, client.GetProperty("clientSecret").GetString()!);
        return new(token, organization.GetProperty("id").GetGuid());
    }

    /// <summary>A service <paramref name="partner"/> publishes in the directory (with its profile, the first time): its id.</summary>
    public async Task<Guid> PublishServiceAsync(Partner partner, string taxonomyCode)
    {
        await DirectoryClient.EnsureProfileAsync(platform.Gateway.Client, partner.Token, $"A {taxonomyCode} partner");
        return (await OkAsync(HttpMethod.Post, $"{DirectoryClient.Prefix}/services", partner,
            DirectoryClient.Service($"A {taxonomyCode} service {Guid.NewGuid():N}", taxonomyCode, "en"))).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Partner caller, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await platform.Gateway.Client.SendAsync(request);
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, Partner caller, object? body = null, string? ifMatch = null)
    {
        using var response = await SendAsync(method, path, caller, body, ifMatch);
        return await response.OkJsonAsync();
    }

    private async Task<JsonElement> OkAsync(HttpMethod method, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Gateway.Client.SendAsync(request);
        return await response.OkJsonAsync();
    }

    /// <summary><paramref name="referrer"/>'s consent, for its case, to share <paramref name="scope"/> with <paramref name="recipient"/> for <paramref name="purpose"/> for 30 days: its id.</summary>
    public async Task<Guid> ConsentAsync(Partner referrer, Guid caseId, Partner recipient, string purpose, params string[] scope) =>
        (await OkAsync(HttpMethod.Post, "/api/referrals/consents", referrer, new
        {
            caseId,
            recipientOrganizationId = recipient.OrganizationId,
            purpose,
            scope,
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        })).GetProperty("id").GetGuid();

    /// <summary>
    /// The school's consent for <paramref name="ngo"/> to see <paramref name="sharedData"/>'s fields for
    /// legal aid until <paramref name="expiresAt"/>, and the school's referral of the case to a legal-aid
    /// service the NGO publishes, sharing them.
    /// </summary>
    public async Task<(Guid ConsentId, Guid ReferralId)> ReferAsync(
        Partner school, Partner ngo, Guid caseId, IReadOnlyDictionary<string, string> sharedData, DateTimeOffset expiresAt)
    {
        var consentId = (await OkAsync(HttpMethod.Post, "/api/referrals/consents", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            purpose = "legal-aid",
            scope = sharedData.Keys.ToArray(),
            expiresAt,
        })).GetProperty("id").GetGuid();
        var referralId = (await OkAsync(HttpMethod.Post, "/api/referrals", school, new
        {
            caseId,
            recipientOrganizationId = ngo.OrganizationId,
            serviceId = await PublishServiceAsync(ngo, "legal-aid"),
            consentId,
            sharedData,
        })).GetProperty("id").GetGuid();
        return (consentId, referralId);
    }

    /// <summary>A case <paramref name="partner"/> opens directly in cases (a walk-in), once referrals knows it: its id.</summary>
    public async Task<Guid> OpenCaseAsync(Partner partner)
    {
        var caseId = (await OkAsync(HttpMethod.Post, "/api/cases", partner, new { kind = "bullying", setting = "school" })).GetProperty("caseId").GetGuid();
        await KnownToReferralsAsync(platform, caseId);
        return caseId;
    }

    /// <summary>
    /// Waits until referrals has heard from cases that <paramref name="caseId"/> was opened: referrals
    /// waits a moment for a case it does not know yet, and specs need no luck on a busy machine.
    /// </summary>
    public static async Task KnownToReferralsAsync(RunningPlatform platform, Guid caseId)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await using var dataSource = NpgsqlDataSource.Create(platform.DatabaseOf("referrals"));
        await EventuallyAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("select true from case_organizations where case_id = $1");
            command.Parameters.Add(new() { Value = caseId });
            return await command.ExecuteScalarAsync() as bool?;
        }, $"case {caseId} did not reach referrals");
    }

    /// <summary>A report the school submits to intake, once cases has opened it as the school's case (and referrals knows it): the case id.</summary>
    public async Task<Guid> CaseFromReportAsync(Partner school, string tag)
    {
        var reportId = (await OkAsync(HttpMethod.Post, "/api/intake/reports", school, Intake.IntakeClient.Report(tag))).GetProperty("reportId").GetGuid();
        var caseId = await EventuallyAsync(async () =>
        {
            var list = await OkAsync(HttpMethod.Get, "/api/cases/list?limit=200", school);
            return list.GetProperty("cases").EnumerateArray()
                .Where(item => item.GetProperty("reportId").ValueKind == JsonValueKind.String && item.GetProperty("reportId").GetGuid() == reportId)
                .Select(item => (Guid?)item.GetProperty("caseId").GetGuid()).FirstOrDefault();
        }, $"no case for report {reportId}");
        await KnownToReferralsAsync(platform, caseId!.Value);
        return caseId.Value;
    }

    /// <summary>
    /// The referral steps on the case's timeline, once there are at least <paramref name="count"/>, in
    /// the order they happened: integration events arrive in no particular order, so the timeline
    /// records each when it arrives, with the time it happened.
    /// </summary>
    public async Task<List<JsonElement>> ReferralStepsAsync(Partner school, Guid caseId, int count)
    {
        var steps = await EventuallyAsync(async () =>
        {
            var timeline = await OkAsync(HttpMethod.Get, $"/api/cases/{caseId}/timeline", school);
            var found = timeline.EnumerateArray().Where(entry => entry.GetProperty("type").GetString() == "cases.referral-step-recorded.v1")
                .Select(entry => entry.GetProperty("data")).OrderBy(step => step.GetProperty("at").GetDateTimeOffset()).ToList();
            return found.Count >= count ? found : null;
        }, $"fewer than {count} referral steps on case {caseId}'s timeline");
        return steps!;
    }

    /// <summary>Moves the referral service's clock forward (see its MovableClock) and lets it sweep, unless told not to.</summary>
    public async Task MoveClockAsync(TimeSpan by, bool sweep = true)
    {
        using var response = await platform.Service["referrals"].Client.PostAsJsonAsync("/testing/clock", new { by, sweep });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The referral service's time now: specs of one platform move it, so it runs ahead of this machine's.</summary>
    public async Task<DateTimeOffset> ClockAsync() =>
        (await platform.Service["referrals"].Client.GetFromJsonAsync<JsonElement>("/testing/clock")).GetProperty("now").GetDateTimeOffset();

    public async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.DatabaseOf("referrals"));
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<string> DumpAsync() => PgDump.DataAsync(platform.DatabaseOf("referrals"));

    public static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, failure);
            await Task.Delay(200);
        }
    }
}
