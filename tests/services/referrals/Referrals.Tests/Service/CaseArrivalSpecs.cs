using System.Net;
using Cases.Contracts;
using Platform.Testing;

namespace Referrals.Tests.Service;

/// <summary>Referrals as deployed, waiting (as in production, here up to a minute) for a case it has not heard of yet.</summary>
public sealed class PatientReferralsFactory : ReferralsFactory
{
    protected override TimeSpan CaseArrivalWait => TimeSpan.FromMinutes(1);
}

/// <summary>
/// A case opened in cases reaches referrals over the broker, a moment later: a consent recorded in
/// that moment waits for it rather than failing.
/// </summary>
public sealed class CaseArrivalSpecs(PatientReferralsFactory service) : IClassFixture<PatientReferralsFactory>
{
    [Fact]
    public async Task A_consent_naming_a_case_opened_a_moment_ago_waits_for_its_opening_to_reach_referrals()
    {
        var school = Guid.CreateVersion7();
        var caseId = Guid.CreateVersion7();
        var referrer = await service.ClientAsync(school, "riverside-school");

        var recording = referrer.PostAsync("/api/referrals/consents", new
        {
            caseId,
            recipientOrganizationId = Guid.CreateVersion7(),
            purpose = "counselling",
            scope = new[] { "summary" },
            expiresAt = service.Clock.GetUtcNow().AddDays(30),
        });
        await service.Bus.Publish(new CaseOpened(caseId, school, null, service.Clock.GetUtcNow()));

        using var recorded = await recording;
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
    }
}
