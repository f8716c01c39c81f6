using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// OWASP API1 (broken object-level authorization), for every operation of the merged OpenAPI
/// document: each is called as the owning organization, as another organization of every kind,
/// as an auditor assigned to the owner and one that is not, and with no token. What is allowed
/// follows from the operation's declared <c>x-platform-access</c>, so an endpoint added later is
/// covered without editing this test, and one that declares no policy, or names a resource in
/// its path without an organization check, fails it. A referral is also called as its recipient,
/// the one recorded grant: it reads the referral without the referrer's own ids and takes its
/// own steps, not the referrer's; every other organization still gets 404.
/// </summary>
public sealed class BolaMatrixSpecs(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private const string Owner = "riverside-school";
    private const string AssignedAuditor = "case-review-office";
    private const string Recipient = "bola-recipient";
    private const string SharedSummary = "BOLA matrix referral.";

    // Kinds the demo data lacks, plus a second school and an auditor nobody assigned.
    private static readonly (string Kind, string ClientId, string Role)[] Registered =
    [
        ("school", "eastside-school", "caseworker"),
        ("legal-aid", "harbour-legal-aid", "caseworker"),
        ("shelter", "northside-shelter", "caseworker"),
        ("law-enforcement", "city-police", "caseworker"),
        ("auditor", "unassigned-auditor", "auditor"),
    ];

    private static readonly string[] Others = ["northwind-logistics", "safe-harbour", "open-door-counselling", "platform-admin"];

    /// <summary>
    /// How to get an id of a resource the owner owns, per resource type an endpoint declares.
    /// A new resource type fails the matrix until it has an entry here. Each call makes a fresh one
    /// where the resource is made by a call, so an operation that deletes it spoils no other.
    /// </summary>
    private static readonly Dictionary<string, Func<RunningPlatform, Caller, Task<string>>> ResourceSamples = new()
    {
        ["organization"] = (_, owner) => Task.FromResult(owner.OrganizationId),
        ["report"] = SubmitReportAsync,
        ["case"] = OpenCaseAsync,
        // Port 9 (discard) on loopback: RunningPlatform lets notifications reach loopback, and nothing answers there.
        ["webhook-endpoint"] = async (platform, owner) => (await PostAsync(platform.Gateway.Client, owner.Token, "/api/notifications/endpoints",
            new { url = "http://127.0.0.1:9/bola", eventTypes = new[] { "intake.report-submitted.v1" } })).GetProperty("id").GetString()!,
        ["consent"] = async (platform, owner) =>
            (await ConsentAsync(platform, owner, (await ReferralRecipientAsync(platform)).Organization, await OwnCaseAsync(platform, owner))).ToString(),
        ["referral"] = ReferAsync,
        ["directory-organization"] = async (platform, owner) =>
        {
            await Referrals.DirectoryClient.EnsureProfileAsync(platform.Gateway.Client, owner.Token, "BOLA owner");
            return owner.OrganizationId;
        },
        ["directory-service"] = async (platform, owner) =>
        {
            await Referrals.DirectoryClient.EnsureProfileAsync(platform.Gateway.Client, owner.Token, "BOLA owner");
            return (await PostAsync(platform.Gateway.Client, owner.Token, "/api/referrals/directory/services",
                Referrals.DirectoryClient.Service("BOLA service", "counselling", "en"))).GetProperty("id").GetString()!;
        },
        ["directory-location"] = async (platform, owner) => (await PostAsync(platform.Gateway.Client, owner.Token, "/api/referrals/directory/locations",
            Referrals.DirectoryClient.Location("BOLA location", "1 Sample Street", confidential: true))).GetProperty("location").GetProperty("id").GetString()!,
    };

    // The recipient is an organization of its own, registered with a service in the directory: the
    // owner (and its auditor) reach the referral, the recipient reaches it as its recipient (see
    // AsRecipient), and no one else; the consent, only the owner. Both name one of the owner's cases.
    private static async Task<Guid> ConsentAsync(RunningPlatform platform, Caller owner, Guid recipientId, Guid caseId) =>
        (await PostAsync(platform.Gateway.Client, owner.Token, "/api/referrals/consents", new
        {
            caseId,
            recipientOrganizationId = recipientId,
            purpose = "counselling",
            scope = new[] { "summary" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
        })).GetProperty("id").GetGuid();

    private static async Task<string> ReferAsync(RunningPlatform platform, Caller owner)
    {
        var (recipientId, serviceId, _) = await ReferralRecipientAsync(platform);
        var caseId = await OwnCaseAsync(platform, owner);
        var consentId = await ConsentAsync(platform, owner, recipientId, caseId);
        return (await PostAsync(platform.Gateway.Client, owner.Token, "/api/referrals", new
        {
            caseId,
            recipientOrganizationId = recipientId,
            serviceId,
            consentId,
            sharedData = new Dictionary<string, string> { ["summary"] = SharedSummary },
        })).GetProperty("id").GetString()!;
    }

    /// <summary>A case the owner opens, once referrals has heard of it: consents and referrals name only the caller's own cases.</summary>
    private static async Task<Guid> OwnCaseAsync(RunningPlatform platform, Caller owner)
    {
        var caseId = Guid.Parse(await OpenCaseAsync(platform, owner));
        await Referrals.ReferralsClient.KnownToReferralsAsync(platform, caseId);
        return caseId;
    }

    private static readonly ConditionalWeakTable<RunningPlatform, Task<(Guid Organization, Guid Service, string Token)>> ReferralRecipients = [];

    /// <summary>
    /// The platform's referral recipient, registered once, before the matrix runs: the matrix rotates
    /// identity's signing key, and a token minted after that is unknown to the gateway for a while.
    /// </summary>
    private static Task<(Guid Organization, Guid Service, string Token)> ReferralRecipientAsync(RunningPlatform platform) =>
        ReferralRecipients.GetValue(platform, RegisterReferralRecipientAsync);

    private static async Task<(Guid Organization, Guid Service, string Token)> RegisterReferralRecipientAsync(RunningPlatform platform)
    {
        var client = platform.Gateway.Client;
        var admin = await platform.TokenAsync("platform-admin");
        var recipientId = (await PostAsync(client, admin, "/api/identity/organizations", new { name = "BOLA recipient", kind = "ngo" })).GetProperty("id").GetGuid();
        var credentials = await PostAsync(client, admin, $"/api/identity/organizations/{recipientId}/clients",
            new { clientId = Recipient, name = Recipient, scopes = RunningPlatform.Services.Select(s => s.Name).ToArray(), roles = new[] { "caseworker" } });
        var token = await TokenRequests.GetAsync(client, Recipient, credentials.GetProperty("clientSecret").GetString()!);
        await Referrals.DirectoryClient.EnsureProfileAsync(client, token, "BOLA recipient");
        var serviceId = (await PostAsync(client, token, "/api/referrals/directory/services",
            Referrals.DirectoryClient.Service("BOLA recipient service", "counselling", "en"))).GetProperty("id").GetGuid();
        return (recipientId, serviceId, token);
    }

    private static async Task<string> SubmitReportAsync(RunningPlatform platform, Caller owner) =>
        (await PostAsync(platform.Gateway.Client, owner.Token, "/api/intake/reports", Intake.IntakeClient.Report("bola"))).GetProperty("reportId").GetString()!;

    // A case the owner opens directly (a handler's walk-in case): one the owner owns without waiting for intake.
    private static async Task<string> OpenCaseAsync(RunningPlatform platform, Caller owner) =>
        (await PostAsync(platform.Gateway.Client, owner.Token, "/api/cases", new { kind = "bullying", setting = "school" })).GetProperty("caseId").GetString()!;

    [Fact]
    public async Task Every_operation_lets_only_the_owner_and_recorded_grants_reach_an_organizations_data()
    {
        var callers = await CallersAsync();
        var recipient = await ReferralRecipientAsync(platform);
        callers[Recipient] = CallerOf(recipient.Token);
        var owner = callers[Owner];
        var document = await platform.Gateway.Client.GetFromJsonAsync<JsonElement>("/docs/openapi.json");
        var violations = new List<string>();
        var operations = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var method = operation.Name.ToUpperInvariant();
                var name = $"{method} {path.Name}";
                if (!operation.Value.TryGetProperty("x-platform-access", out var access))
                {
                    violations.Add($"{name} declares no access policy");
                    continue;
                }
                var policy = AccessOf(access);
                var parameters = PathParameters(path.Name);
                if (policy.Kind == "caller" && parameters.Count > 0)
                {
                    violations.Add($"{name} names a resource ({string.Join(", ", parameters)}) in its path but declares no organization check");
                    continue;
                }
                if (policy.ResourceType is { } resourceType && !ResourceSamples.ContainsKey(resourceType))
                {
                    violations.Add($"{name}: no sample for resource type '{policy.ResourceType}'; add one to {nameof(ResourceSamples)}");
                    continue;
                }
                var url = await FillAsync(path.Name, parameters, policy, owner);

                using (var anonymous = await SendAsync(method, url, token: null))
                {
                    var challenged = anonymous.Headers.WwwAuthenticate.Any(challenge => challenge.Scheme == "Bearer");
                    if (policy.Kind == "public" ? challenged || anonymous.StatusCode == HttpStatusCode.Forbidden : anonymous.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        violations.Add($"{name} without a token answered {(int)anonymous.StatusCode}");
                    }
                }
                if (policy.Kind == "public")
                {
                    continue;
                }
                foreach (var (clientId, caller) in callers)
                {
                    using var response = await SendAsync(method, url, caller.Token);
                    var asRecipient = policy.ResourceType == ReferralType && caller.OrganizationId == recipient.Organization.ToString();
                    var expected = asRecipient ? AsRecipient(method, path.Name) : Expected(policy, method, parameters.Count, caller, owner);
                    if (!expected.Allows(response.StatusCode))
                    {
                        violations.Add($"{name} as {clientId} ({caller.Kind}): expected {expected.Description}, got {(int)response.StatusCode}");
                    }
                    else if (asRecipient && method == "GET" && await SeenTooMuchAsync(response) is { } tooMuch)
                    {
                        violations.Add($"{name} as {clientId}, the recipient: {tooMuch}");
                    }
                }
            }
        }

        violations.AddRange(await ListedToOthersAsync(callers, owner, recipient.Organization));
        operations.ShouldBeGreaterThan(RunningPlatform.Services.Count);
        violations.ShouldBeEmpty(string.Join(Environment.NewLine, violations));
    }

    private const string ReferralType = "referral";

    /// <summary>
    /// What the recipient of a referral may do with it while the consent lasts: read it, take its
    /// own steps (whatever the sample's state and an empty body then answer), never the referrer's
    /// (409 for the side, or 422 for the empty body of a re-route). A referral operation added later
    /// fails here until it is placed.
    /// </summary>
    private static Expectation AsRecipient(string method, string path) => (method, path.Split('/')[^1]) switch
    {
        ("GET", _) => new("2xx with data", status => (int)status is >= 200 and < 300),
        ("POST", "acceptance" or "rejection" or "start" or "hold" or "completion" or "failure") =>
            new("not 401, 403 or 404 (its own step)", status => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)),
        ("POST", "cancellation" or "reroute") =>
            new("409 or 422 (the referrer's step)", status => status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity),
        _ => new($"a recipient's expectation for {method} {path}: add one to {nameof(AsRecipient)}", _ => false),
    };

    /// <summary>What the recipient must not see of a referral: the referrer's case, consent and re-route links, or more than was shared.</summary>
    private static async Task<string?> SeenTooMuchAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (body.TryGetProperty("resourceType", out _))
        {
            return body.TryGetProperty("for", out _) ? "the FHIR Task names the referrer's case" : null;
        }
        string[] referrersOwn = ["caseId", "consentId", "rerouteOf", "reroutedTo"];
        if (referrersOwn.FirstOrDefault(field => body.GetProperty(field).ValueKind != JsonValueKind.Null) is { } leaked)
        {
            return $"it shows the referrer's {leaked}";
        }
        var shared = body.GetProperty("sharedData");
        return shared.ValueKind == JsonValueKind.Object && shared.EnumerateObject().Select(field => (field.Name, field.Value.GetString()))
            .SequenceEqual([("summary", SharedSummary)]) ? null : $"its shared data is {shared.GetRawText()}, not the summary shared";
    }

    /// <summary>
    /// A referral shows in the owner's sent list and the recipient's received list, and in no list of
    /// any other organization (each caller with the role to list).
    /// </summary>
    private async Task<List<string>> ListedToOthersAsync(Dictionary<string, Caller> callers, Caller owner, Guid recipientId)
    {
        var referralId = await ReferAsync(platform, owner);
        var violations = new List<string>();
        foreach (var (clientId, caller) in callers.Where(entry => entry.Value.Scopes.Contains("referrals") && entry.Value.Roles.Contains("caseworker")))
        {
            foreach (var direction in new[] { "sent", "received" })
            {
                using var response = await SendAsync("GET", $"/api/referrals/list?direction={direction}&limit=200", caller.Token);
                var listed = response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains(referralId, StringComparison.Ordinal);
                var expected = direction == "sent" ? caller.OrganizationId == owner.OrganizationId : caller.OrganizationId == recipientId.ToString();
                if (listed != expected)
                {
                    violations.Add($"GET /api/referrals/list?direction={direction} as {clientId}: the referral is {(listed ? "" : "not ")}listed");
                }
            }
        }
        return violations;
    }

    private sealed record Policy(string Kind, string? Scope, string[] Roles, string? ResourceType, string? ResourceParameter);

    public sealed record Caller(string Token, string OrganizationId, string Kind, string[] Scopes, string[] Roles, string[] Audits);

    private sealed record Expectation(string Description, Func<HttpStatusCode, bool> Allows);

    private static Expectation Expected(Policy policy, string method, int parameterCount, Caller caller, Caller owner)
    {
        var success = new Expectation("2xx with data", status => (int)status is >= 200 and < 300);
        var notDenied = new Expectation("not 401, 403 or 404", status => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound));
        if (!caller.Scopes.Contains(policy.Scope) || !policy.Roles.All(caller.Roles.Contains))
        {
            return new("403 (lacks scope or role)", status => status == HttpStatusCode.Forbidden);
        }
        var reading = method is "GET" or "HEAD";
        switch (policy.Kind)
        {
            case "caller":
                return reading ? success : notDenied;
            case "platform-administration":
                // Ids in an administrator's path are random here, so a 404 for them is the handler's honest answer.
                return new("not 401 or 403", status => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden));
            case "organization-resource" or "published-resource":
                // A published resource (a directory entry) is read by every partner, and still changed by its owner only.
                var granted = caller.OrganizationId == owner.OrganizationId
                    || (reading && (policy.Kind == "published-resource" || (caller.Roles.Contains("auditor") && caller.Audits.Contains(owner.OrganizationId))));
                if (!granted)
                {
                    return new("404 (another organization's resource)", status => status == HttpStatusCode.NotFound);
                }
                return reading && parameterCount == 1 ? success : notDenied;
            default:
                return new($"a known access kind, not '{policy.Kind}'", _ => false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return await platform.Gateway.Client.SendAsync(request);
    }

    private static Policy AccessOf(JsonElement access) => new(
        access.GetProperty("kind").GetString()!,
        access.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
        access.TryGetProperty("requiredRoles", out var roles) ? [.. roles.EnumerateArray().Select(role => role.GetString()!)] : [],
        access.TryGetProperty("resourceType", out var type) ? type.GetString() : null,
        access.TryGetProperty("resourceParameter", out var parameter) ? parameter.GetString() : null);

    private static List<string> PathParameters(string path) =>
        [.. path.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}').Split(':')[0])];

    // The resource parameter gets the owner's sample; any other parameter an id nobody has.
    private async Task<string> FillAsync(string path, List<string> parameters, Policy policy, Caller owner)
    {
        foreach (var parameter in parameters)
        {
            var value = parameter == policy.ResourceParameter ? await ResourceSamples[policy.ResourceType!](platform, owner) : Guid.NewGuid().ToString();
            path = path.Replace("{" + parameter + "}", value, StringComparison.Ordinal);
        }
        return path;
    }

    private async Task<Dictionary<string, Caller>> CallersAsync()
    {
        var admin = platform.Gateway.Client;
        var adminToken = await platform.TokenAsync("platform-admin");
        var callers = new Dictionary<string, Caller>();
        foreach (var (kind, clientId, role) in Registered)
        {
            var organization = await PostAsync(admin, adminToken, "/api/identity/organizations", new { name = $"BOLA {clientId}", kind });
            var client = await PostAsync(admin, adminToken, $"/api/identity/organizations/{organization.GetProperty("id")}/clients",
                new { clientId, name = clientId, scopes = RunningPlatform.Services.Select(s => s.Name).ToArray(), roles = new[] { role } });
            callers[clientId] = CallerOf(await TokenRequests.GetAsync(admin, clientId, client.GetProperty("clientSecret").GetString()!));
        }
        foreach (var clientId in Others.Append(Owner).Append(AssignedAuditor))
        {
            callers[clientId] = CallerOf(await platform.TokenAsync(clientId));
        }
        return callers;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static Caller CallerOf(string token)
    {
        var jwt = new JsonWebToken(token);
        string[] All(string type) => [.. jwt.Claims.Where(claim => claim.Type == type).Select(claim => claim.Value)];
        return new Caller(token, jwt.GetClaim("org_id").Value, jwt.GetClaim("org_kind").Value,
            jwt.GetClaim("scope").Value.Split(' '), All("roles"), All("audits"));
    }
}
