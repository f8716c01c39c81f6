using System.Text.Json;
using Intake.Contracts;
using Intake.Reports;
using Platform.Messaging.Forwarding;
using static Intake.Tests.Reports.Examples;
using Domain = Intake.Reports;

namespace Intake.Tests.Reports;

public sealed class ReportContractsSpecs
{
    [Fact]
    public void Report_events_are_published_except_the_anonymous_access()
    {
        var map = new IntegrationEventMap().PublishReportEvents();

        map.IsPublic(typeof(Domain.ReportSubmitted)).ShouldBeTrue();
        map.IsPublic(typeof(Domain.ReportTriaged)).ShouldBeTrue();
        map.IsPublic(typeof(Domain.UrgentReportRaised)).ShouldBeTrue();
        map.IsPublic(typeof(Domain.ReportWithdrawn)).ShouldBeTrue();
        map.IsPublic(typeof(Domain.MessagePosted)).ShouldBeTrue();
        map.IsPublic(typeof(AnonymousAccessGranted)).ShouldBeFalse();
    }

    [Fact]
    public void Contracts_hold_ids_vocabulary_and_times_only_so_no_free_text_can_slip_in()
    {
        var allowed = new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(IReadOnlyList<TriageRule>) };
        var assembly = typeof(Contracts.ReportSubmitted).Assembly;
        var contracts = assembly.GetExportedTypes().Where(type => type.IsClass);

        // A contract may hold another contract record (a submission its triage): this same check covers that one's properties.
        foreach (var property in contracts.SelectMany(type => type.GetProperties()))
        {
            (allowed.Contains(property.PropertyType) || property.PropertyType.IsEnum || contracts.Contains(property.PropertyType))
                .ShouldBeTrue($"{property.DeclaringType!.Name}.{property.Name} is a {property.PropertyType.Name}");
        }
    }

    [Fact]
    public void A_published_submission_names_no_one()
    {
        var json = JsonSerializer.Serialize(ReportContracts.ToContract(Submitted()), JsonSerializerOptions.Web);

        json.ShouldNotContain("Ana");
        json.ShouldNotContain("Library");
        json.ShouldContain("\"kind\":\"stalking\"");
    }

    [Fact]
    public void A_published_submission_carries_the_triage_it_arrived_with()
    {
        var submitted = Submitted() with { Triage = new(ReportPriority.Urgent, [TriageRule.MinorInvolved], Now.AddHours(24)) };

        var triage = ReportContracts.ToContract(submitted).Triage.ShouldNotBeNull();

        triage.Priority.ShouldBe(ReportPriority.Urgent);
        triage.RulesFired.ShouldBe([TriageRule.MinorInvolved]);
        triage.AcknowledgeBy.ShouldBe(Now.AddHours(24));
    }

    [Fact]
    public void A_submission_stored_before_triage_travelled_with_it_is_published_without_one() =>
        ReportContracts.ToContract(Submitted() with { Triage = null }).Triage.ShouldBeNull();

    [Fact]
    public void A_published_message_carries_its_ids_not_its_text()
    {
        var posted = new Domain.MessagePosted(ReportId, School, Guid.CreateVersion7(), MessageAuthor.Reporter, "He was there again today.", ReporterId, "anonymous-reporter", Now);

        ReportContracts.ToContract(posted).ShouldBe(new Contracts.MessagePosted(ReportId, School, posted.MessageId, MessageAuthor.Reporter, Now));
    }
}
