using Cases.Handling;
using MassTransit;
using Platform.Testing;
using Referrals.Contracts;

namespace Cases.Tests.Service;

/// <summary>The closed loop, as cases sees it: referral events published by referrals become the referring case's timeline.</summary>
public sealed class ReferralTimelineSpecs(CasesFactory service) : IClassFixture<CasesFactory>
{
    private static readonly Guid School = Guid.CreateVersion7();
    private static readonly Guid LegalAid = Guid.CreateVersion7();

    [Fact]
    public async Task Each_step_of_a_referral_shows_once_on_the_referring_cases_timeline_and_another_organizations_referral_not_at_all()
    {
        var school = await service.ClientAsync(service.Token(School, "riverside-school", "caseworker"));
        var caseId = (await (await school.PostAsync("/api/cases", new { kind = "stalking", setting = "school" })).OkJsonAsync()).GetProperty("caseId").GetGuid();
        var referralId = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        var observer = new ConsumedMessages();
        using var _ = service.Bus.ConnectConsumeObserver(observer);

        var requested = Guid.CreateVersion7();
        var accepted = Guid.CreateVersion7();
        var foreign = Guid.CreateVersion7();
        await service.Bus.Publish(new ReferralRequested(referralId, caseId, School, LegalAid, Guid.CreateVersion7(), ["contact-details", "summary"],
            at.AddHours(72), null, at), context => context.MessageId = requested);
        await service.Bus.Publish(new ReferralStatusChanged(referralId, caseId, School, LegalAid, "accepted", null, at.AddHours(1)),
            context => context.MessageId = accepted);
        await service.Bus.Publish(new ReferralStatusChanged(referralId, caseId, School, LegalAid, "accepted", null, at.AddHours(1)),
            context => context.MessageId = accepted);
        await service.Bus.Publish(new ReferralRequested(Guid.CreateVersion7(), caseId, LegalAid, School, Guid.CreateVersion7(), ["summary"],
            at.AddHours(72), null, at), context => context.MessageId = foreign);
        await observer.WaitForAsync(requested, 1);
        await observer.WaitForAsync(accepted, 2);
        await observer.WaitForAsync(foreign, 1);

        var timeline = (await school.GetJsonAsync($"/api/cases/{caseId}/timeline")).EnumerateArray().ToList();
        timeline.Select(entry => entry.GetProperty("type").GetString())
            .ShouldBe(["cases.case-opened.v1", "cases.referral-step-recorded.v1", "cases.referral-step-recorded.v1"]);
        // Steps are recorded as they arrive, each with the time it happened: in that order, the loop.
        var steps = timeline.Skip(1).Select(entry => entry.GetProperty("data")).OrderBy(step => step.GetProperty("at").GetDateTimeOffset()).ToList();
        steps[0].GetProperty("step").GetString().ShouldBe("requested");
        steps[0].GetProperty("sharedFields").EnumerateArray().Select(field => field.GetString()).ShouldBe(["contact-details", "summary"]);
        steps[1].GetProperty("step").GetString().ShouldBe("accepted");
        steps.ShouldAllBe(step => step.GetProperty("referralId").GetGuid() == referralId);
        (await service.ScalarAsync("select count(*) from events where stream_id = $1", CaseStreams.Id(caseId))).ShouldBe(3);
    }
}
