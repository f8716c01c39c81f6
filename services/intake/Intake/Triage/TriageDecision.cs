using Intake.Contracts;
using ReportSubmitted = Intake.Reports.ReportSubmitted;
using ReportTriaged = Intake.Reports.ReportTriaged;

namespace Intake.Triage;

/// <summary>A priority, the rules behind it (none for normal), and the acknowledgement deadline it sets.</summary>
public sealed record TriageDecision(ReportPriority Priority, IReadOnlyList<TriageRule> RulesFired, DateTimeOffset AcknowledgeBy)
{
    /// <summary>
    /// The report's triage as its events leave it: the one it arrived with, or a later <see cref="ReportTriaged"/>
    /// (in reports stored before the triage was part of the submission, the only one). Null when none is among them.
    /// </summary>
    public static TriageDecision? Latest(IEnumerable<object> events) => events.Aggregate((TriageDecision?)null, (latest, @event) => @event switch
    {
        ReportSubmitted { Triage: { } triage } => triage,
        ReportTriaged triaged => new TriageDecision(triaged.Priority, triaged.RulesFired, triaged.AcknowledgeBy),
        _ => latest,
    });
}
