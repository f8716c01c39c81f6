using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Intake.Reports;
using Intake.Triage;
using Platform.EventStore.Privacy;
using Platform.EventStore.Types;
using static Intake.Tests.Reports.Examples;
using MessageAuthor = Intake.Contracts.MessageAuthor;

namespace Intake.Tests.Reports;

public sealed class IntakeEventsSpecs
{
    private static readonly EventTypeRegistry Types = IntakeEvents.Register(new EventTypeRegistry());

    /// <summary>Every personal value of the example report, as a reporter typed it.</summary>
    private static readonly string[] PersonalValues =
        [Narrative, "Library, second floor", "2025-02-01", "Ana Example", "ana@example.org", "+34 600 000 000", "Email only", "Marco Sample", "18-24"];

    [Theory]
    [InlineData(typeof(ReportSubmitted), "intake.report-submitted.v1")]
    [InlineData(typeof(ReportTriaged), "intake.report-triaged.v1")]
    [InlineData(typeof(UrgentReportRaised), "intake.urgent-report-raised.v1")]
    [InlineData(typeof(AnonymousAccessGranted), "intake.anonymous-access-granted.v1")]
    [InlineData(typeof(ReportWithdrawn), "intake.report-withdrawn.v1")]
    [InlineData(typeof(MessagePosted), "intake.message-posted.v1")]
    public void Every_event_is_registered_under_a_stable_name(Type type, string name) => Types.NameOf(type).ShouldBe(name);

    [Fact]
    public void Nothing_personal_of_a_submitted_report_is_stored_in_clear()
    {
        var stored = Seal(Submitted());

        foreach (var value in PersonalValues)
        {
            stored.ShouldNotContain(value);
        }
        stored.ShouldContain("\"kind\":\"stalking\"");
    }

    [Fact]
    public void A_submission_stored_before_its_triage_was_part_of_it_still_reads_with_no_triage()
    {
        var stored = JsonNode.Parse(EventTypeRegistry.Serialize(Submitted()))!.AsObject();
        stored.Remove("triage").ShouldBeTrue();

        var (type, clrType, node) = Types.Resolve("intake.report-submitted.v1", stored.ToJsonString());
        var read = (ReportSubmitted)EventTypeRegistry.Deserialize(type, stored.ToJsonString(), clrType, node);

        read.Triage.ShouldBeNull();
        read.ReportId.ShouldBe(ReportId);
        TriageDecision.Latest([read]).ShouldBeNull();
    }

    [Fact]
    public void Everyone_in_a_report_is_their_own_data_subject()
    {
        var submitted = Submitted();

        Types.Codec.PlanSeal(submitted)!.Subjects.ShouldBe(submitted.People.Select(person => person.PersonId.ToString()), ignoreOrder: true);
    }

    [Fact]
    public void Messages_and_withdrawal_explanations_are_the_reporters()
    {
        var reporter = ReporterId.ToString();

        Types.Codec.PlanSeal(new MessagePosted(ReportId, School, Guid.CreateVersion7(), MessageAuthor.Handler, "We are here.", ReporterId, "riverside-school", Now))!
            .Subjects.ShouldBe([reporter]);
        Types.Codec.PlanSeal(new ReportWithdrawn(ReportId, School, WithdrawalReason.Other, "It is complicated.", ReporterId, "riverside-school", Now))!
            .Subjects.ShouldBe([reporter]);
    }

    [Theory]
    [InlineData(typeof(ReportTriaged))]
    [InlineData(typeof(UrgentReportRaised))]
    [InlineData(typeof(AnonymousAccessGranted))]
    public void Triage_notification_and_access_events_hold_no_personal_data(Type type) => Types.Codec.HasPersonalData(type).ShouldBeFalse();

    [Fact]
    public void Vocabulary_is_stored_by_name_never_by_number()
    {
        var stored = EventTypeRegistry.Serialize(Submitted());

        stored.ShouldContain("\"mode\":\"identified\"");
        stored.ShouldContain("\"setting\":\"school\"");
        stored.ShouldContain("\"roles\":[\"reporter\",\"affected-person\"]");
    }

    [Fact]
    public void Stored_events_read_back_as_they_were_written()
    {
        var submitted = Submitted();
        var json = EventTypeRegistry.Serialize(submitted);

        var (_, type, node) = Types.Resolve("intake.report-submitted.v1", json);
        var read = (ReportSubmitted)EventTypeRegistry.Deserialize("intake.report-submitted.v1", json, type, node);

        EventTypeRegistry.Serialize(read).ShouldBe(json);
    }

    private static string Seal(object @event)
    {
        var plan = Types.Codec.PlanSeal(@event).ShouldNotBeNull();
        return plan.Seal(plan.Subjects.ToDictionary(subject => subject, subject => new DataKey(Guid.CreateVersion7(), subject, RandomNumberGenerator.GetBytes(DataKey.Size))));
    }
}
