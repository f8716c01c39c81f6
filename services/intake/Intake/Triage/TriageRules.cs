using Intake.Contracts;
using Intake.Reports;
using Intake.Reports.Submitting;

namespace Intake.Triage;

/// <summary>
/// The triage rule set. A report is urgent when any rule fires, otherwise normal:
/// <list type="bullet">
/// <item><b>immediate-danger</b>: the reporter says someone is in immediate danger.</item>
/// <item><b>minor-involved</b>: anyone in the report, in any role, is a minor (flagged, or in an age band under 18).</item>
/// <item><b>weapon-or-threat-mentioned</b>: the narrative mentions a weapon, killing, strangulation or a threat (<see cref="ThreatTerms"/>).</item>
/// <item><b>repeat-alleged-perpetrator</b>: an alleged perpetrator has other reports in the same organization (<see cref="TriageFacts"/>).</item>
/// </list>
/// The kind of report never lowers or raises the priority on its own: a bullying report with a
/// knife in it is urgent, a sexual harassment report without any of the above is not.
/// </summary>
public static class TriageRules
{
    public static TriageDecision Assess(ReportSubmission report, TriageFacts facts, AcknowledgementPolicy policy, DateTimeOffset submittedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(policy);

        var fired = new List<TriageRule>();
        if (report.ImmediateDanger)
        {
            fired.Add(TriageRule.ImmediateDanger);
        }
        if (report.People.Any(IsMinor))
        {
            fired.Add(TriageRule.MinorInvolved);
        }
        if (ThreatTerms.AreMentionedIn(report.Narrative))
        {
            fired.Add(TriageRule.WeaponOrThreatMentioned);
        }
        if (facts.AllegedPerpetratorHasOtherReports)
        {
            fired.Add(TriageRule.RepeatAllegedPerpetrator);
        }

        return fired.Count > 0
            ? new TriageDecision(ReportPriority.Urgent, fired, submittedAt + policy.Urgent)
            : new TriageDecision(ReportPriority.Normal, [], submittedAt + policy.Normal);
    }

    private static bool IsMinor(PersonInvolved person) =>
        person.IsMinor == true || person.AgeBand is AgeBand.Under13 or AgeBand.From13To17;
}
